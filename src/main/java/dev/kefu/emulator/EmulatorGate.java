package dev.kefu.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps everything under {@code /emulator} answering a plain 404, for everyone and before
 * any sign-in, while the emulator is off ({@link EmulatorSwitch}, asked on every request,
 * so a real app added at runtime switches it off at once). Also answers an oversized
 * upload as WeChat does (40006) rather than as HTTP 413.
 */
class EmulatorGate extends OncePerRequestFilter {

	private static final String UPLOAD = "/emulator/api/cgi-bin/media/upload";

	private final EmulatorSwitch emulator;

	EmulatorGate(EmulatorSwitch emulator) {
		this.emulator = emulator;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.emulator.on()) {
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
			// the rest of the oversized body is never read: the connection cannot be
			// reused
			setHeader("Connection", "close");
			byte[] body = ("{\"errcode\":" + WechatError.INVALID_MEDIA_SIZE.errcode() + ",\"errmsg\":\""
					+ WechatError.INVALID_MEDIA_SIZE.errmsg() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			setContentLength(body.length);
			getOutputStream().write(body);
		}

	}

}
