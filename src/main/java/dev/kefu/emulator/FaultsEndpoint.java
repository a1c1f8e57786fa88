package dev.kefu.emulator;

import java.time.Duration;
import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fault controls as JSON, for scripts and tests (the page has the same controls):
 * <ul>
 * <li>{@code GET /emulator/faults}: settings, queued error codes, the emulator's
 * time;</li>
 * <li>{@code PUT /emulator/faults}
 * {@code {"seed":42,"delayMillis":200,"delayVariancePercent":50,
 * "failurePercent":10,"failureErrcode":-1}}: new settings, the random source restarts
 * from the seed;</li>
 * <li>{@code POST /emulator/faults/errors}
 * {@code {"errcode":45047,"count":2,"api":"SEND"}}: the next 2 send calls answer 45047
 * ({@code api} omitted: any call);</li>
 * <li>{@code POST /emulator/faults/expire-tokens}: every token issued so far answers
 * 42001;</li>
 * <li>{@code POST /emulator/faults/time-skip} {@code {"duration":"PT49H"}}: the
 * emulator's time jumps forward;</li>
 * <li>{@code DELETE /emulator/faults}: no delay, no failures, nothing queued.</li>
 * </ul>
 */
@RestController
@RequestMapping("/emulator/faults")
class FaultsEndpoint {

	record SettingsRequest(Long seed, Long delayMillis, Integer delayVariancePercent, Integer failurePercent,
			Integer failureErrcode) {

		Faults.Settings toSettings(Faults.Settings current) {
			return new Faults.Settings((this.seed != null) ? this.seed : current.seed(),
					(this.delayMillis != null) ? Duration.ofMillis(this.delayMillis) : current.delay(),
					(this.delayVariancePercent != null) ? this.delayVariancePercent : current.delayVariancePercent(),
					(this.failurePercent != null) ? this.failurePercent : current.failurePercent(),
					(this.failureErrcode != null) ? this.failureErrcode : current.failureErrcode());
		}

	}

	record ErrorsRequest(int errcode, Integer count, Faults.Api api) {
	}

	record TimeSkipRequest(Duration duration) {
	}

	record FaultsView(long seed, long delayMillis, int delayVariancePercent, int failurePercent, int failureErrcode,
			java.util.List<Faults.Injected> injected, Instant now, long skippedSeconds) {
	}

	private final Faults faults;

	private final TokenIssuer tokens;

	private final EmulatorTime time;

	FaultsEndpoint(Faults faults, TokenIssuer tokens, EmulatorTime time) {
		this.faults = faults;
		this.tokens = tokens;
		this.time = time;
	}

	@GetMapping
	FaultsView show() {
		Faults.State state = this.faults.state();
		Faults.Settings settings = state.settings();
		return new FaultsView(settings.seed(), settings.delay().toMillis(), settings.delayVariancePercent(),
				settings.failurePercent(), settings.failureErrcode(), state.injected(), this.time.now(),
				this.time.offset().toSeconds());
	}

	@PutMapping
	FaultsView configure(@RequestBody SettingsRequest request) {
		this.faults.configure(request.toSettings(this.faults.state().settings()));
		return show();
	}

	@PostMapping("/errors")
	FaultsView inject(@RequestBody ErrorsRequest request) {
		this.faults.inject(request.errcode(), (request.count() != null) ? request.count() : 1, request.api());
		return show();
	}

	@PostMapping("/expire-tokens")
	FaultsView expireTokens() {
		this.tokens.expireAll();
		return show();
	}

	@PostMapping("/time-skip")
	FaultsView skip(@RequestBody TimeSkipRequest request) {
		if (request.duration() == null) {
			throw new IllegalArgumentException("duration is required, e.g. \"PT49H\"");
		}
		this.time.skip(request.duration());
		return show();
	}

	@DeleteMapping
	ResponseEntity<FaultsView> reset() {
		this.faults.reset();
		return ResponseEntity.ok(show());
	}

}
