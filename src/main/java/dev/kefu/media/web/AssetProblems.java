package dev.kefu.media.web;

import java.util.List;
import java.util.Map;

import dev.kefu.media.AssetRejectedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refused asset operations into problem details: 404 for an unknown app or asset,
 * 409 for an asset in use, and 400 naming the field {@code file} (or {@code url}) for
 * anything wrong with the image itself.
 */
@RestControllerAdvice(assignableTypes = AssetController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssetProblems {

	@ExceptionHandler
	ProblemDetail rejected(AssetRejectedException ex) {
		return problem(ex, "file");
	}

	/**
	 * The problem for a refused asset operation; {@code field} names what was wrong for a
	 * 400.
	 */
	static ProblemDetail problem(AssetRejectedException ex, String field) {
		HttpStatus status = switch (ex.reason()) {
			case UNKNOWN_APP, UNKNOWN_ASSET -> HttpStatus.NOT_FOUND;
			case IN_USE -> HttpStatus.CONFLICT;
			case NOT_AN_IMAGE, TOO_LARGE, NOT_HTTP, PRIVATE_ADDRESS, FETCH_FAILED -> HttpStatus.BAD_REQUEST;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		if (status == HttpStatus.BAD_REQUEST) {
			problem.setTitle("Invalid " + field);
			problem.setProperty("errors", List.of(Map.of("field", field, "reason", ex.getMessage())));
		}
		return problem;
	}

}
