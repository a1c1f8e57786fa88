package dev.kefu.apps.web;

import java.util.List;

import dev.kefu.apps.AppRejectedException;
import dev.kefu.apps.AppRejectedException.InvalidField;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns what goes wrong in {@link AppController} into problem details
 * ({@code application/problem+json}): 400 with an {@code errors} list of {@code {"field",
 * "reason"}} for invalid fields and unreadable bodies, 404 for an unknown app, 409 for a
 * duplicate AppID; Spring MVC's own errors keep their status.
 */
@RestControllerAdvice(assignableTypes = AppController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AppProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail rejected(AppRejectedException ex) {
		return switch (ex.reason()) {
			case INVALID_FIELDS -> invalidFields(ex.invalidFields());
			case UNKNOWN_APP -> ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
			case DUPLICATE_APP_ID -> ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		};
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getCause() instanceof MismatchedInputException mismatch) ? fieldOf(mismatch) : null;
		ProblemDetail problem = (field != null) ? invalidFields(List.of(new InvalidField(field, "has the wrong type")))
				: ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body must be a JSON object");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	static ErrorResponseException unknownApp(String appId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No app " + appId), null);
	}

	private static ProblemDetail invalidFields(List<InvalidField> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid " + String.join(", ", fields.stream().map(InvalidField::field).toList()));
		problem.setTitle("Invalid app");
		problem.setProperty("errors", fields);
		return problem;
	}

	private static String fieldOf(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map(JacksonException.Reference::getPropertyName)
			.filter((name) -> name != null)
			.findFirst()
			.orElse(null);
	}

}
