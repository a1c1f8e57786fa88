package dev.kefu.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps everything under {@code /emulator} answering 404 unless {@code kefu.emulator.enabled}
 * is true. The property is read on every request rather than bound once, because the sandbox
 * turns the emulator on only after it has looked at the database, which is after start-up
 * binding. Also answers an oversized upload as WeChat does (40006) rather than as HTTP 413.
 */
class EmulatorGate extends OncePerRequestFilter {

	static final String ENABLED = "kefu.emulator.enabled";

	private static final String UPLOAD = "/emulator/api/cgi-bin/media/upload";

	private final Environment environment;

	EmulatorGate(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.environment.getProperty(ENABLED, Boolean.class, false)) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter().write("Not Found");
			return;
		}
		if (UPLOAD.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
			response = new OversizedUploadAnswer(response);
		}
		chain.doFilter(request, response);
	}

	/** Turns the servlet container's "payload too large" into WeChat's answer. */
	private static final class OversizedUploadAnswer extends HttpServletResponseWrapper {

		OversizedUploadAnswer(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			if (status != HttpStatus.PAYLOAD_TOO_LARGE.value() || isCommitted()) {
				super.sendError(status, message);
				return;
			}
			setStatus(HttpStatus.OK.value());
			setContentType(MediaType.APPLICATION_JSON_VALUE);
			// the rest of the oversized body is never read: the connection cannot be reused
			setHeader("Connection", "close");
			byte[] body = ("{\"errcode\":" + WechatError.INVALID_MEDIA_SIZE.errcode() + ",\"errmsg\":\""
					+ WechatError.INVALID_MEDIA_SIZE.errmsg() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			setContentLength(body.length);
			getOutputStream().write(body);
		}

	}

}
