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
 * @param passwordChangedAt when the password was last set
 * @param createdAt when the user was created
 */
public record ConsoleUser(String id, String username, String passwordHash, Role role, boolean enabled,
		Instant passwordChangedAt, Instant createdAt) {

	@Override
	public String toString() {
		return "ConsoleUser[username=" + this.username + ", role=" + this.role + ", enabled=" + this.enabled + "]";
	}

}
