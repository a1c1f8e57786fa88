package dev.kefu.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The console users ({@code console_user}), and how Spring Security finds them: the
 * authorities are {@code ROLE_ADMIN} or {@code ROLE_EDITOR}.
 */
@Service
public class ConsoleUsers implements UserDetailsService {

	// failed_attempts and locked_until are left from when failures locked an account in
	// the
	// database; LoginThrottle counts them in memory now
	private static final String COLUMNS = "id, username, password_hash, role, enabled, password_changed_at, created_at";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/** The user with this name, or empty. */
	public Optional<ConsoleUser> find(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM console_user WHERE username = ?")
			.param(username)
			.query(ConsoleUsers::user)
			.optional();
	}

	/**
	 * Creates a user, hashing the password.
	 * @throws org.springframework.dao.DuplicateKeyException if the name is taken
	 */
	public ConsoleUser create(String username, String rawPassword, Role role) {
		Instant now = this.clock.instant();
		ConsoleUser user = new ConsoleUser(UUID.randomUUID().toString(), username,
				this.passwordEncoder.encode(rawPassword), role, true, now, now);
		this.jdbc.sql("INSERT INTO console_user (id, username, password_hash, role, enabled, failed_attempts, "
				+ "locked_until, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)")
			.params(user.id(), user.username(), user.passwordHash(), user.role().name(), user.enabled(),
					now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli())
			.update();
		return user;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		ConsoleUser user = find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return new SignedInUser(user);
	}

	/** Every user, by name. */
	public List<ConsoleUser> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM console_user ORDER BY username")
			.query(ConsoleUsers::user)
			.list();
	}

	/**
	 * Sets a new password, hashing it. The user's sessions end with their next request
	 * ({@link StaleSessions}).
	 */
	public void setPassword(String username, String rawPassword) {
		// a millisecond after the previous change at least, so that a session from before
		// it
		// is told apart even when both fall into the same millisecond
		long now = Math.max(this.clock.millis(),
				find(username).map((u) -> u.passwordChangedAt().toEpochMilli() + 1).orElse(0L));
		this.jdbc.sql(
				"UPDATE console_user SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE username = ?")
			.params(this.passwordEncoder.encode(rawPassword), now, now, username)
			.update();
	}

	/** Whether {@code rawPassword} is the user's password. */
	public boolean passwordMatches(ConsoleUser user, String rawPassword) {
		return rawPassword != null && this.passwordEncoder.matches(rawPassword, user.passwordHash());
	}

	/**
	 * Changes what a user may do and whether they may sign in at all. Their sessions end
	 * with their next request if either changed ({@link StaleSessions}).
	 */
	public void update(String username, Role role, boolean enabled) {
		this.jdbc.sql("UPDATE console_user SET role = ?, enabled = ?, updated_at = ? WHERE username = ?")
			.params(role.name(), enabled, this.clock.millis(), username)
			.update();
	}

	private static ConsoleUser user(ResultSet rs, int rowNum) throws SQLException {
		return new ConsoleUser(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
				Instant.ofEpochMilli(rs.getLong("password_changed_at")),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}

}
