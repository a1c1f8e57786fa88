package dev.kefu.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the console.
 *
 * @param admin {@code kefu.admin.*}: the first console user
 * @param console {@code kefu.console.*}: sign-in protection
 */
@ConfigurationProperties("kefu")
@Validated
record ConsoleProperties(@DefaultValue @Valid Admin admin, @DefaultValue @Valid Console console) {

	/**
	 * How the console resists guessed passwords.
	 *
	 * @param maxFailedLogins {@code kefu.console.max-failed-logins}: failed sign-ins in a row
	 * that lock an account
	 * @param lockout {@code kefu.console.lockout}: how long a locked account stays locked
	 */
	record Console(
			@DefaultValue("5") @Min(value = 1, message = "kefu.console.max-failed-logins must be at least 1") int maxFailedLogins,
			@DefaultValue("15m") @NotNull(message = "kefu.console.lockout must be set") Duration lockout) {

		@AssertTrue(message = "kefu.console.lockout must be positive")
		boolean isLockoutPositive() {
			return this.lockout == null || (!this.lockout.isNegative() && !this.lockout.isZero());
		}

	}

	/**
	 * The first console user, an ADMIN, created at start-up if no user has this name.
	 *
	 * @param username {@code kefu.admin.username}
	 * @param password {@code kefu.admin.password}; when absent or blank a password is generated
	 * and printed once, when the user is created
	 */
	record Admin(
			@DefaultValue("admin") @NotNull(message = "kefu.admin.username must be set") @Pattern(
					regexp = "[\\p{L}\\p{N}._@-]{1,64}",
					message = "kefu.admin.username must be 1 to 64 letters, digits or . _ @ -") String username,
			String password) {

		@AssertTrue(message = "kefu.admin.password must be at most 72 bytes in UTF-8 (bcrypt ignores the rest)")
		boolean isPasswordShortEnough() {
			return this.password == null || this.password.getBytes(StandardCharsets.UTF_8).length <= 72;
		}

		boolean hasPassword() {
			return this.password != null && !this.password.isBlank();
		}

		@Override
		public String toString() {
			return "Admin[username=" + this.username + ", password=" + (hasPassword() ? "***" : "generated") + "]";
		}

	}

}
