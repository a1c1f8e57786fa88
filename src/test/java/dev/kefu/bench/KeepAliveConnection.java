package dev.kefu.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 client connection on a plain socket that understands
 * Content-Length and chunked answers: the cheapest way for a load generator to send
 * requests, so it leaves the machine's CPU to the server it measures. Not thread-safe:
 * one per sender.
 */
public final class KeepAliveConnection implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private boolean closing;

	private int status;

	/** Connects within 2 s; a read waits at most 10 s for the server. */
	public KeepAliveConnection(URI endpoint) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(10_000);
		this.socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
	}

	/**
	 * Sends one complete request (head and body) and reads the answer.
	 * @return the body of a 200 answer, or {@code null} for any other status
	 * @throws IOException on a broken connection or a read timeout; the connection is
	 * then unusable
	 */
	public String exchange(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String status = line();
		this.status = (status.length() >= 12) ? Integer.parseInt(status.substring(9, 12)) : 0;
		int length = 0;
		boolean chunked = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Integer.parseInt(header.substring(colon + 1).trim());
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection")) {
				this.closing = header.substring(colon + 1).trim().equalsIgnoreCase("close");
			}
		}
		byte[] body = chunked ? chunkedBody() : this.in.readNBytes(length);
		return status.startsWith("HTTP/1.1 200") ? new String(body, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Whether the last answer said {@code Connection: close}: the server ends a
	 * keep-alive connection after so many requests (Tomcat: 100), so the caller opens a
	 * new one.
	 */
	public boolean closing() {
		return this.closing;
	}

	/**
	 * The status code of the last answer, e.g. 302 for a redirect (whose body
	 * {@link #exchange} answers as null).
	 */
	public int status() {
		return this.status;
	}

	private byte[] chunkedBody() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
			body.write(this.in.readNBytes(size));
			line();
		}
		line();
		return body.toByteArray();
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c == -1) {
				throw new IOException("connection closed");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
