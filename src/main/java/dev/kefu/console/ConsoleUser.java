package dev.kefu.console;

import java.time.Instant;

/**
 * A person who signs in to the console or calls the admin API.
 * <p>
 * {@link #toString()} leaves the password hash out.
 *
 * @param id generated identifier
 * @param username what they sign in with
 * @param passwordHash the password, hashed ({@code {bcrypt}...})
 * @param role what they may do
 * @param enabled whether they may sign in at all
 * @param failedAttempts failed sign-ins since the last successful one
 * @param lockedUntil until when sign-in is refused; {@code null} if not locked
 * @param passwordChangedAt when the password was last set
 * @param createdAt when the user was created
 */
public record ConsoleUser(String id, String username, String passwordHash, Role role, boolean enabled,
		int failedAttempts, Instant lockedUntil, Instant passwordChangedAt, Instant createdAt) {

	/** Whether sign-in is refused at {@code now} because of too many failures. */
	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && now.isBefore(this.lockedUntil);
	}

	@Override
	public String toString() {
		return "ConsoleUser[username=" + this.username + ", role=" + this.role + ", enabled=" + this.enabled + "]";
	}

}
