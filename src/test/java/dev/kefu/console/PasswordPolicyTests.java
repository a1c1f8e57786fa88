package dev.kefu.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@Test
	void refusesPasswordsShorterThanTenCharacters() {
		assertThat(PasswordPolicy.problem("k7#Vq2!mZ", "alice")).isEqualTo("password.tooShort");
		assertThat(PasswordPolicy.problem("k7#Vq2!mZp", "alice")).isNull();
	}

	@Test
	void refusesCommonPasswordsAndTheirPaddedForms() {
		assertThat(PasswordPolicy.problem("password1234", "alice")).isEqualTo("password.common");
		assertThat(PasswordPolicy.problem("Password123!", "alice")).isEqualTo("password.common");
		assertThat(PasswordPolicy.problem("!!Qwertyuiop99", "alice")).isEqualTo("password.common");
		assertThat(PasswordPolicy.problem("1q2w3e4r5t6y", "alice")).isEqualTo("password.common");
		assertThat(PasswordPolicy.problem("123456789012", "alice")).isEqualTo("password.common");
		assertThat(PasswordPolicy.problem("iloveyou2024", "alice")).isEqualTo("password.common");
	}

	@Test
	void refusesTheUserNameAsPassword() {
		assertThat(PasswordPolicy.problem("Operator-2024", "operator")).isEqualTo("password.common");
	}

	@Test
	void refusesMoreThanBcryptReads() {
		assertThat(PasswordPolicy.problem("密码".repeat(13), "alice")).isEqualTo("password.tooLong");
	}

	@Test
	void acceptsEveryGeneratedAdminPassword() {
		FirstAdmin first = new FirstAdmin(null, new ConsoleProperties(new ConsoleProperties.Admin("admin", null),
				new ConsoleProperties.Console(5, java.time.Duration.ofMinutes(15), 20, 50)));
		for (int i = 0; i < 2000; i++) {
			String generated = first.generatePassword();
			assertThat(PasswordPolicy.problem(generated, "admin")).as(generated).isNull();
		}
	}

}
