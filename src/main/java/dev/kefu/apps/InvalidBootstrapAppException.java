package dev.kefu.apps;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The app given by the {@code KEFU_APP_*} environment variables cannot be created; the
 * message names each variable at fault and never repeats its value.
 */
class InvalidBootstrapAppException extends IllegalStateException {

	private final transient List<String> problems;

	InvalidBootstrapAppException(List<String> problems) {
		super("Cannot create the app given by the environment: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

	/**
	 * Reports the failure at start-up as a list of what to fix instead of a stack trace.
	 */
	static class Analyzer extends AbstractFailureAnalyzer<InvalidBootstrapAppException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, InvalidBootstrapAppException cause) {
			return new FailureAnalysis(
					"The app given by the environment is invalid:\n    " + String.join("\n    ", cause.problems()),
					"Set KEFU_APP_ID, KEFU_APP_SECRET, KEFU_APP_TOKEN and KEFU_APP_AES_KEY as described, or unset all of them.",
					cause);
		}

	}

}
