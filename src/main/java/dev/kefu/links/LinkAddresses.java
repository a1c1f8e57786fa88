package dev.kefu.links;

import java.net.URI;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address short URLs are made on: {@code kefu.public-url}, or for sandbox apps
 * without it this server's own ({@code http://localhost:<port>}, which the browser a
 * sandbox is tried in reaches).
 */
@Component
class LinkAddresses {

	static final String PATH = "/l/";

	private final URI publicUrl;

	private final Environment environment;

	LinkAddresses(PublicUrlProperties properties, Environment environment) {
		this.publicUrl = properties.publicUrl();
		this.environment = environment;
	}

	/** Whether short URLs can be made for a real app. */
	boolean hasPublicUrl() {
		return this.publicUrl != null;
	}

	/**
	 * The short URL of {@code code}, or {@code null} when there is no address to make it
	 * on.
	 */
	String shortUrl(String code, boolean sandbox) {
		String base;
		if (this.publicUrl != null) {
			base = this.publicUrl.toString();
		}
		else if (sandbox) {
			String port = this.environment.getProperty("local.server.port",
					this.environment.getProperty("server.port", "8080"));
			base = "http://localhost:" + port + this.environment.getProperty("server.servlet.context-path", "");
		}
		else {
			return null;
		}
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH + code;
	}

}
