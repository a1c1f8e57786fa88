package dev.kefu.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.kefu.PublicAddresses;

import dev.kefu.media.AssetRejectedException.Reason;

/**
 * Fetches one image by URL without letting the URL reach places it should not (SSRF):
 * only http and https; the host is resolved once, every address it resolves to must be
 * allowed (public unless {@code kefu.media.allow-private-networks}), and the connection
 * goes to exactly that checked address, so a DNS answer that changes between check and
 * use gains nothing. TLS still verifies the certificate against the host name. Redirects
 * are followed by hand, each hop checked the same way; the body may not exceed
 * {@link Assets#MAX_SIZE} and the whole fetch must finish within the timeout.
 * <p>
 * A deliberately small HTTP/1.1 client ({@code GET}, {@code Connection: close}, content
 * length, chunked or read-to-end bodies): the JDK's {@code HttpClient} resolves host
 * names itself and offers no way to pin the address that was checked.
 */
final class ImageFetcher {

	private static final int MAX_REDIRECTS = 5;

	private static final int MAX_HEADER_LINE = 8192;

	private static final int MAX_HEADERS = 100;

	/** Resolves a host name to its addresses; the JDK's resolver outside tests. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	private final Predicate<InetAddress> allowed;

	private final Resolver resolver;

	private final Duration timeout;

	ImageFetcher(boolean allowPrivateNetworks, Duration timeout) {
		this((address) -> allowPrivateNetworks || PublicAddresses.isPublic(address), InetAddress::getAllByName,
				timeout);
	}

	ImageFetcher(Predicate<InetAddress> allowed, Resolver resolver, Duration timeout) {
		this.allowed = allowed;
		this.resolver = resolver;
		this.timeout = timeout;
	}

	/**
	 * The body of a 200 answer to {@code GET url}, at most {@link Assets#MAX_SIZE} bytes.
	 */
	byte[] fetch(URI url) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		URI current = url;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			InetAddress address = check(current);
			Answer answer;
			try {
				answer = get(current, address, deadline);
			}
			catch (IOException | NumberFormatException ex) {
				throw new AssetRejectedException(Reason.FETCH_FAILED, "could not fetch the image: " + safe(current));
			}
			if (answer.location() == null) {
				return answer.body();
			}
			try {
				current = current.resolve(answer.location());
			}
			catch (IllegalArgumentException ex) {
				throw new AssetRejectedException(Reason.FETCH_FAILED,
						"the image's address redirects to an invalid address: " + safe(current));
			}
		}
		throw new AssetRejectedException(Reason.FETCH_FAILED,
				"the image's address redirects more than " + MAX_REDIRECTS + " times: " + safe(url));
	}

	/**
	 * The address to connect to for {@code url}, once every address of its host is
	 * allowed.
	 */
	private InetAddress check(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean http = scheme.equals("http") || scheme.equals("https");
		if (!http || url.getHost() == null || url.getRawUserInfo() != null) {
			throw new AssetRejectedException(Reason.NOT_HTTP, "must be an http or https URL");
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(url.getHost());
		}
		catch (UnknownHostException ex) {
			throw new AssetRejectedException(Reason.FETCH_FAILED, "the image's host was not found: " + url.getHost());
		}
		for (InetAddress address : addresses) {
			if (!this.allowed.test(address)) {
				throw new AssetRejectedException(Reason.PRIVATE_ADDRESS,
						"the image's host is on a loopback or private network (see kefu.media.allow-private-networks): "
								+ url.getHost());
			}
		}
		if (addresses.length == 0) {
			throw new AssetRejectedException(Reason.FETCH_FAILED, "the image's host was not found: " + url.getHost());
		}
		return addresses[0];
	}

	private Answer get(URI url, InetAddress address, long deadline) throws IOException {
		boolean https = url.getScheme().equalsIgnoreCase("https");
		int port = (url.getPort() != -1) ? url.getPort() : (https ? 443 : 80);
		String host = url.getHost();
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
			plain.setSoTimeout(remainingMillis(deadline));
			Socket socket = https ? tls(plain, host, port) : plain;
			OutputStream out = socket.getOutputStream();
			String path = ((url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath())
					+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
			String hostHeader = host + ((url.getPort() != -1) ? ":" + port : "");
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: kefu\r\n"
					+ "Accept: image/png, image/jpeg, image/gif\r\nAccept-Encoding: identity\r\n"
					+ "Connection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return read(new Reader(socket.getInputStream(), deadline), url);
		}
	}

	private static Socket tls(Socket plain, String host, int port) throws IOException {
		SSLSocket socket = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host,
				port, true);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private Answer read(Reader in, URI url) throws IOException {
		String statusLine = in.line();
		String[] status = statusLine.split(" ", 3);
		if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
			throw new IOException("not HTTP/1.x");
		}
		int code = Integer.parseInt(status[1]);
		Map<String, String> headers = new HashMap<>();
		for (String line = in.line(); !line.isEmpty(); line = in.line()) {
			int colon = line.indexOf(':');
			if (colon > 0 && headers.size() < MAX_HEADERS) {
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
		}
		if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
			String location = headers.get("location");
			if (location == null) {
				throw new IOException("redirect without a location");
			}
			return new Answer(null, location);
		}
		if (code != 200) {
			throw new AssetRejectedException(Reason.FETCH_FAILED,
					"the image's address answered HTTP " + code + ": " + safe(url));
		}
		String length = headers.get("content-length");
		if (length != null && Long.parseLong(length.trim()) > Assets.MAX_SIZE) {
			throw tooLarge();
		}
		boolean chunked = "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""));
		return new Answer(chunked ? in.chunked() : in.body((length != null) ? Long.parseLong(length.trim()) : -1),
				null);
	}

	static AssetRejectedException tooLarge() {
		return new AssetRejectedException(Reason.TOO_LARGE,
				"must be an image of at most " + (Assets.MAX_SIZE / (1024 * 1024)) + " MB");
	}

	private static int remainingMillis(long deadline) throws IOException {
		long remaining = (deadline - System.nanoTime()) / 1_000_000;
		if (remaining <= 0) {
			throw new IOException("timed out");
		}
		return (int) Math.min(remaining, Integer.MAX_VALUE);
	}

	/** The URL without query or user info, fit for messages and logs. */
	private static String safe(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "")
				+ ((url.getRawPath() != null) ? url.getRawPath() : "");
	}

	private record Answer(byte[] body, String location) {
	}

	/** Reads lines and bodies, enforcing the size limit and the deadline. */
	private static final class Reader {

		private final InputStream in;

		private final long deadline;

		Reader(InputStream in, long deadline) {
			this.in = in;
			this.deadline = deadline;
		}

		String line() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b < 0 || line.size() > MAX_HEADER_LINE) {
					throw new IOException("truncated or oversized header");
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		/** {@code length} bytes, or to the end of the stream when it is -1. */
		byte[] body(long length) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			copy(body, (length < 0) ? Long.MAX_VALUE : length);
			if (length >= 0 && body.size() < length) {
				throw new IOException("truncated body");
			}
			return body.toByteArray();
		}

		byte[] chunked() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String size = line();
				int extension = size.indexOf(';');
				long chunk = Long.parseLong(((extension >= 0) ? size.substring(0, extension) : size).trim(), 16);
				if (chunk == 0) {
					return body.toByteArray();
				}
				if (body.size() + chunk > Assets.MAX_SIZE) {
					throw tooLarge();
				}
				long before = body.size();
				copy(body, chunk);
				if (body.size() - before < chunk) {
					throw new IOException("truncated chunk");
				}
				line();
			}
		}

		private void copy(ByteArrayOutputStream body, long limit) throws IOException {
			byte[] buffer = new byte[8192];
			long remaining = limit;
			while (remaining > 0) {
				remainingMillis(this.deadline);
				int n = this.in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					return;
				}
				body.write(buffer, 0, n);
				remaining -= n;
				if (body.size() > Assets.MAX_SIZE) {
					throw tooLarge();
				}
			}
		}

	}

}
