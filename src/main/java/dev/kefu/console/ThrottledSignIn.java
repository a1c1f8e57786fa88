package dev.kefu.console;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a user name and password, by form or HTTP Basic, through {@link LoginThrottle}.
 * Every refusal is the same {@link BadCredentialsException} — an unknown name, a wrong
 * password, a disabled account and a throttled attempt look alike — so an answer tells
 * nobody which names exist. A disabled account is checked only after the password, so it
 * does not answer faster either.
 */
class ThrottledSignIn implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottledSignIn(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
		// the default checks run before the password's; run them after it instead
		UserDetailsChecks checks = new UserDetailsChecks();
		this.passwords.setPreAuthenticationChecks((user) -> {
		});
		this.passwords.setPostAuthenticationChecks(checks);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
		if (this.throttle.refuses(username, address)) {
			throw new BadCredentialsException("Bad credentials");
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.throttle.succeeded(username, address);
			return result;
		}
		catch (org.springframework.security.authentication.InternalAuthenticationServiceException ex) {
			throw ex; // the database, not the caller: counts as no attempt
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(username, address);
			throw new BadCredentialsException("Bad credentials");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Disabled, locked or expired: refused, after the password was found right. */
	private static final class UserDetailsChecks
			implements org.springframework.security.core.userdetails.UserDetailsChecker {

		@Override
		public void check(org.springframework.security.core.userdetails.UserDetails user) {
			if (!user.isAccountNonLocked() || !user.isEnabled() || !user.isAccountNonExpired()
					|| !user.isCredentialsNonExpired()) {
				throw new BadCredentialsException("Bad credentials");
			}
		}

	}

}
