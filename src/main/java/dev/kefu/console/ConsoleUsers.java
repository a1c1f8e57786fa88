package dev.kefu.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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

	private static ConsoleUser user(ResultSet rs, int rowNum) throws SQLException {
		long lockedMillis = rs.getLong("locked_until");
		Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(lockedMillis);
		return new ConsoleUser(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
				lockedUntil,
				Instant.ofEpochMilli(rs.getLong("password_changed_at")), Instant.ofEpochMilli(rs.getLong("created_at")));
	}

}
