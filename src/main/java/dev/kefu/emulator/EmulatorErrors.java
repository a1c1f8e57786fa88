package dev.kefu.emulator;

import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input to the emulator's own control endpoints (registration, faults, pushes) as a
 * 400 problem detail naming what is wrong. The WeChat API side never gets here: it
 * answers errcodes.
 */
@RestControllerAdvice(
		assignableTypes = { AppRegistrationEndpoint.class, FaultsEndpoint.class, UserActionsEndpoint.class })
class EmulatorErrors {

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException ex) {
		String fields = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + ": " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, fields);
	}

	@ExceptionHandler(Refusal.class)
	ProblemDetail refused(Refusal refusal) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"WeChat would refuse this: " + refusal.errcode() + " " + refusal.errmsg());
	}

	@ExceptionHandler({ IllegalArgumentException.class, HttpMessageNotReadableException.class })
	ProblemDetail unreadable(Exception ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(ex instanceof IllegalArgumentException) ? ex.getMessage() : "unreadable request body");
	}

}
