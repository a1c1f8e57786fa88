package dev.kefu.wechat.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body with one file part, as uploadTempMedia takes it. The
 * body is sent whole with a Content-Length, as curl does, rather than chunked.
 */
record Multipart(String boundary, byte[] body) {

	static Multipart of(String partName, String fileName, String contentType, byte[] content) {
		String boundary = "kefu-" + UUID.randomUUID();
		String head = "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + quoted(partName)
				+ "\"; filename=\"" + quoted(fileName) + "\"\r\n" + "Content-Type: " + contentType + "\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
		return new Multipart(boundary, body.toByteArray());
	}

	String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/** Keeps a header parameter on one line and inside its quotes. */
	private static String quoted(String value) {
		return value.replaceAll("[\"\\\\\r\n]", "_");
	}

}
