package dev.kefu.wechat.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * The answer of one API call: a value when it succeeded, an {@link ApiError} otherwise.
 *
 * @param <T> the type of the value ({@link Void} for calls that only succeed or fail)
 * @param value the value; {@code null} when the call failed or has no value
 * @param error why the call failed; {@code null} when it succeeded
 */
public record ApiResult<T>(T value, ApiError error) {

	private static final ApiResult<Void> OK = new ApiResult<>(null, null);

	public static ApiResult<Void> ok() {
		return OK;
	}

	public static <T> ApiResult<T> ok(T value) {
		return new ApiResult<>(Objects.requireNonNull(value, "value"), null);
	}

	public static <T> ApiResult<T> failed(ApiError error) {
		return new ApiResult<>(null, Objects.requireNonNull(error, "error"));
	}

	public boolean isOk() {
		return this.error == null;
	}

	/** This result's value mapped, or the same error. */
	public <R> ApiResult<R> map(Function<T, R> mapper) {
		return isOk() ? new ApiResult<>(mapper.apply(this.value), null) : failed(this.error);
	}

	/** The result of the next step when this one succeeded, or this error. */
	public <R> ApiResult<R> flatMap(Function<T, ApiResult<R>> next) {
		return isOk() ? next.apply(this.value) : failed(this.error);
	}

}
