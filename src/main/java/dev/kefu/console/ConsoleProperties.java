package dev.kefu.console;

import java.nio.charset.StandardCharsets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the console.
 *
 * @param admin {@code kefu.admin.*}: the first console user
 */
@ConfigurationProperties("kefu")
@Validated
record ConsoleProperties(@DefaultValue @Valid Admin admin) {

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
