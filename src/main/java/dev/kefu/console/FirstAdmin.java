package dev.kefu.console;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first console user, an ADMIN named by {@code kefu.admin.username}, when no
 * user has that name. Without {@code kefu.admin.password} the password is generated and
 * printed this once; an existing user is never changed, and a configured password is
 * never logged.
 */
@Component
class FirstAdmin implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(FirstAdmin.class);

	/** Letters and digits that cannot be mistaken for one another when copied by eye. */
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final ConsoleUsers users;

	private final ConsoleProperties.Admin admin;

	private final RandomGenerator random;

	FirstAdmin(ConsoleUsers users, ConsoleProperties properties) {
		this.users = users;
		this.admin = properties.admin();
		this.random = new SecureRandom();
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.users.find(this.admin.username()).isPresent()) {
			return;
		}
		String password = this.admin.hasPassword() ? this.admin.password() : generatePassword();
		try {
			this.users.create(this.admin.username(), password, Role.ADMIN);
		}
		catch (DuplicateKeyException ex) {
			return; // another instance sharing the database created it just now
		}
		if (this.admin.hasPassword()) {
			logger.info("Created console user '{}' with the password from kefu.admin.password", this.admin.username());
		}
		else {
			// two messages: the log layout prints a line break inside a message as '?'
			logger.warn("Created console user '{}' with the generated password: {}", this.admin.username(), password);
			logger.warn(
					"It is shown this once. Sign in and change it, or set kefu.admin.password before the first start.");
		}
	}

	String generatePassword() {
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
