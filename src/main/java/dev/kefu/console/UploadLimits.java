package dev.kefu.console;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Reads a multipart upload to the console or the API before anything else does, so that
 * one over {@code spring.servlet.multipart.max-file-size} is refused the same way
 * wherever it was going: 413 naming the limit in words. Without it, the first reader
 * decided: the CSRF check (which reads the form's token from a multipart form) failed
 * with a stack trace in the log and the servlet container's own error page, and even the
 * error page could not read the request. The answer is a problem detail for {@code /api},
 * the message alone for htmx (the page shows it at the file field) and the console's
 * error page otherwise. A body that is not multipart at all is refused with 400. WeChat's
 * callback and the emulator, which speak WeChat's protocol, are left alone.
 */
class UploadLimits extends OncePerRequestFilter {

	private final DataSize maxFileSize;

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final ITemplateEngine templates;

	UploadLimits(DataSize maxFileSize, MessageSource messages, LocaleResolver locales, ITemplateEngine templates) {
		this.maxFileSize = maxFileSize;
		this.messages = messages;
		this.locales = locales;
		this.templates = templates;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String type = request.getContentType();
		return type == null || !type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
				|| path.startsWith("/wechat/") || path.startsWith("/emulator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			// parses now; the parts stay with the request for whoever reads them next
			new StandardMultipartHttpServletRequest(request);
		}
		catch (MaxUploadSizeExceededException ex) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "upload.tooLarge");
			return;
		}
		catch (MultipartException ex) {
			refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "upload.unreadable");
			return;
		}
		chain.doFilter(request, response);
	}

	/** The limit as operators read it, e.g. {@code 2 MB}. */
	String limit() {
		long bytes = this.maxFileSize.toBytes();
		return (bytes % (1024 * 1024) == 0) ? (bytes / (1024 * 1024)) + " MB"
				: Math.max(1, Math.round(bytes / 1024.0)) + " KB";
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setStatus(status);
		response.setCharacterEncoding("UTF-8");
		if (path.startsWith("/api/")) {
			String detail = this.messages.getMessage(code, new Object[] { limit() }, Locale.ENGLISH);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// the detail is one of two fixed sentences and the limit: nothing to escape
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\""
						+ ((status == HttpServletResponse.SC_BAD_REQUEST) ? "Bad Request" : "Content Too Large")
						+ "\",\"status\":" + status + ",\"detail\":\"" + detail
						+ "\",\"errors\":[{\"field\":\"file\",\"reason\":\"" + detail + "\"}]}");
			return;
		}
		Locale locale = this.locales.resolveLocale(request);
		String message = this.messages.getMessage(code, new Object[] { limit() }, locale);
		if (request.getHeader("HX-Request") != null) {
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter().write(message);
			return;
		}
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), locale, Map.of("status", status, "message", message));
		this.templates.process("error", page, response.getWriter());
	}

}
