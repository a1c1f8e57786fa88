package dev.kefu.links;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a tracked link redirects: its URL, with the utm parameters its own query does not
 * set.
 */
final class Targets {

	private Targets() {
	}

	/**
	 * The link's URL (in its ASCII form: characters outside ASCII percent-encoded as
	 * UTF-8) with {@code utm_<name>=<value>} added for each parameter its query does not
	 * already have, before any fragment; its own query is kept as it is.
	 */
	/**
	 * Whether a code's target is a web address to redirect to; otherwise it is a mini
	 * program page path, whose opening the mini program reports ({@code POST
	 * /l/{code}/opened}).
	 */
	static boolean web(String target) {
		return target.regionMatches(true, 0, "https://", 0, 8) || target.regionMatches(true, 0, "http://", 0, 7);
	}

	static String withUtm(String url, Map<String, String> utm) {
		String ascii = URI.create(url.strip()).toASCIIString();
		int hash = ascii.indexOf('#');
		String fragment = (hash >= 0) ? ascii.substring(hash) : "";
		String head = (hash >= 0) ? ascii.substring(0, hash) : ascii;
		int question = head.indexOf('?');
		Set<String> present = names((question >= 0) ? head.substring(question + 1) : "");
		StringBuilder target = new StringBuilder(head);
		boolean first = question < 0;
		for (Map.Entry<String, String> parameter : utm.entrySet()) {
			String name = "utm_" + parameter.getKey();
			if (present.contains(name)) {
				continue;
			}
			if (first) {
				target.append('?');
				first = false;
			}
			else if (target.charAt(target.length() - 1) != '?' && target.charAt(target.length() - 1) != '&') {
				target.append('&');
			}
			target.append(name)
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return target.append(fragment).toString();
	}

	private static Set<String> names(String query) {
		Set<String> names = new HashSet<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			try {
				names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				names.add(name);
			}
		}
		return names;
	}

}
