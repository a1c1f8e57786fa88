package dev.kefu.console;

import java.time.Instant;
import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A console user as a session holds them: with what their role and password were at
 * sign-in, so that {@link StaleSessions} can tell when either changed since.
 */
final class SignedInUser extends User {

	private static final long serialVersionUID = 1L;

	private final Role role;

	private final Instant passwordChangedAt;

	SignedInUser(ConsoleUser user) {
		super(user.username(), user.passwordHash(), user.enabled(), true, true, true,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
		this.role = user.role();
		this.passwordChangedAt = user.passwordChangedAt();
	}

	/**
	 * Whether {@code current}, the user as stored now, still allows what this sign-in was
	 * given.
	 */
	boolean isCurrent(ConsoleUser current) {
		return current.enabled() && current.role() == this.role
				&& current.passwordChangedAt().equals(this.passwordChangedAt);
	}

	// equals and hashCode stay User's (the user name): the fields added here only say
	// when the
	// sign-in was made

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
