package dev.kefu.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
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

	private static final String COLUMNS = "id, username, password_hash, role, enabled, failed_attempts, "
			+ "locked_until, password_changed_at, created_at";

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
				this.passwordEncoder.encode(rawPassword), role, true, 0, null, now, now);
		this.jdbc
			.sql("INSERT INTO console_user (id, username, password_hash, role, enabled, failed_attempts, "
					+ "locked_until, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, ?)")
			.params(user.id(), user.username(), user.passwordHash(), user.role().name(), user.enabled(),
					now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli())
			.update();
		return user;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		ConsoleUser user = find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(user.username())
			.password(user.passwordHash())
			.roles(user.role().name())
			.disabled(!user.enabled())
			.accountLocked(user.lockedAt(this.clock.instant()))
			.build();
	}

	/** Every user, by name. */
	public List<ConsoleUser> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM console_user ORDER BY username")
			.query(ConsoleUsers::user)
			.list();
	}

	/**
	 * Counts one failed sign-in; at {@code max} in a row the account is locked for
	 * {@code lockout} and the count starts again.
	 * @return whether this failure locked the account
	 */
	boolean recordFailedLogin(String username, int max, Duration lockout) {
		long now = this.clock.millis();
		this.jdbc.sql("UPDATE console_user SET failed_attempts = failed_attempts + 1, updated_at = ? WHERE username = ?")
			.params(now, username)
			.update();
		return this.jdbc
			.sql("UPDATE console_user SET failed_attempts = 0, locked_until = ?, updated_at = ? "
					+ "WHERE username = ? AND failed_attempts >= ?")
			.params(now + lockout.toMillis(), now, username, max)
			.update() > 0;
	}

	/** A successful sign-in: failures are forgotten. */
	void recordLogin(String username) {
		this.jdbc
			.sql("UPDATE console_user SET failed_attempts = 0, locked_until = NULL WHERE username = ? "
					+ "AND (failed_attempts <> 0 OR locked_until IS NOT NULL)")
			.param(username)
			.update();
	}

	/** Sets a new password, hashing it. */
	public void setPassword(String username, String rawPassword) {
		long now = this.clock.millis();
		this.jdbc.sql("UPDATE console_user SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE username = ?")
			.params(this.passwordEncoder.encode(rawPassword), now, now, username)
			.update();
	}

	/** Whether {@code rawPassword} is the user's password. */
	public boolean passwordMatches(ConsoleUser user, String rawPassword) {
		return rawPassword != null && this.passwordEncoder.matches(rawPassword, user.passwordHash());
	}

	/** Changes what a user may do and whether they may sign in at all. */
	public void update(String username, Role role, boolean enabled) {
		this.jdbc.sql("UPDATE console_user SET role = ?, enabled = ?, updated_at = ? WHERE username = ?")
			.params(role.name(), enabled, this.clock.millis(), username)
			.update();
	}

	/** Lifts a lock now rather than when it runs out. */
	public void unlock(String username) {
		this.jdbc.sql("UPDATE console_user SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE username = ?")
			.params(this.clock.millis(), username)
			.update();
	}

	private static ConsoleUser user(ResultSet rs, int rowNum) throws SQLException {
		long lockedMillis = rs.getLong("locked_until");
		Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(lockedMillis);
		return new ConsoleUser(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
				lockedUntil,
				Instant.ofEpochMilli(rs.getLong("password_changed_at")), Instant.ofEpochMilli(rs.getLong("created_at")));
	}

}
