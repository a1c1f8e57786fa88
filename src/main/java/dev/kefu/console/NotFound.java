package dev.kefu.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A console page about something that does not exist: answered 404 with the error page.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NotFound extends RuntimeException {

	NotFound() {
		super(null, null, false, false);
	}

}
