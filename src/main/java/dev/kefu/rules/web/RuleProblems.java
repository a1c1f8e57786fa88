package dev.kefu.rules.web;

import java.util.List;

import dev.kefu.rules.RuleRejectedException;
import dev.kefu.rules.RuleRejectedException.InvalidField;
import tools.jackson.core.JacksonException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns what goes wrong in the rules API into problem details: 400 with an {@code errors}
 * list of {@code {"field", "reason"}} (plus {@code "ruleId"} of the other rule for an
 * EXACT conflict) for invalid fields and unreadable bodies; 404 for an unknown app, rule
 * or version; 409 for restoring a deletion.
 */
@RestControllerAdvice(assignableTypes = { RuleController.class, DecisionController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuleProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail rejected(RuleRejectedException ex) {
		ProblemDetail problem = switch (ex.reason()) {
			case INVALID_FIELDS -> invalid(ex.invalidFields());
			case UNKNOWN_APP, UNKNOWN_RULE, UNKNOWN_VERSION ->
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
			case NOT_RESTORABLE -> ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		};
		problem.setProperty("reason", ex.reason().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unreadable(UnreadableBody ex) {
		return invalid(List.of(new InvalidField(ex.field(), ex.getMessage(), null)));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getCause() instanceof JacksonException jackson) ? path(jackson) : "";
		ProblemDetail problem = invalid(List.of(new InvalidField(field,
				field.isEmpty() ? "the body must be JSON of the documented shape" : "has the wrong type or format",
				null)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** The path of the field Jackson could not read, e.g. {@code keywords[0].match}. */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ProblemDetail invalid(List<InvalidField> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				String.join("; ", fields.stream().map((field) -> field.field() + " " + field.reason()).toList()));
		problem.setTitle("Invalid rule");
		problem.setProperty("errors", fields);
		return problem;
	}

}
