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
	 * How the console resists guessed passwords ({@link LoginThrottle}).
	 *
	 * @param maxFailedLogins {@code kefu.console.max-failed-logins}: failed sign-ins on
	 * one account from one address after which that address may not try it for the rest
	 * of the period
	 * @param lockout {@code kefu.console.lockout}: the period failures are counted over,
	 * from the first of them
	 * @param maxFailedLoginsPerAddress
	 * {@code kefu.console.max-failed-logins-per-address}: failed sign-ins from one
	 * address, on any accounts, after which it may not try at all
	 * @param maxFailedLoginsPerAccount
	 * {@code kefu.console.max-failed-logins-per-account}: failed sign-ins on one account,
	 * from any addresses, after which only addresses it signed in from before may try it
	 */
	record Console(
			@DefaultValue("5") @Min(value = 1,
					message = "kefu.console.max-failed-logins must be at least 1") int maxFailedLogins,
			@DefaultValue("15m") @NotNull(message = "kefu.console.lockout must be set") Duration lockout,
			@DefaultValue("20") @Min(value = 1,
					message = "kefu.console.max-failed-logins-per-address must be at least 1") int maxFailedLoginsPerAddress,
			@DefaultValue("50") @Min(value = 1,
					message = "kefu.console.max-failed-logins-per-account must be at least 1") int maxFailedLoginsPerAccount) {

		@AssertTrue(message = "kefu.console.lockout must be positive")
		boolean isLockoutPositive() {
			return this.lockout == null || (!this.lockout.isNegative() && !this.lockout.isZero());
		}

	}

	/**
	 * The first console user, an ADMIN, created at start-up if no user has this name.
	 *
	 * @param username {@code kefu.admin.username}
	 * @param password {@code kefu.admin.password}; when absent or blank a password is
	 * generated and printed once, when the user is created. A configured one must pass
	 * the {@link PasswordPolicy}, or start-up fails naming the property
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

		@AssertTrue(message = "kefu.admin.password is too weak: it needs at least " + PasswordPolicy.MIN_LENGTH
				+ " characters, must not be the user name and must not be a common password (leave it unset to have one generated)")
		boolean isPasswordStrongEnough() {
			if (!hasPassword()) {
				return true;
			}
			String problem = PasswordPolicy.problem(this.password, this.username);
			return problem == null || problem.equals("password.tooLong");
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
