package dev.kefu.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * One kefu on a random port over an in-memory H2 database, shared by the rules and media
 * integration tests so Spring's context cache starts it once. Tests register their own
 * apps ({@link TestApps}) and never assume an empty database. Private networks are
 * allowed so images can be served from this machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=" + RulesIntegrationTest.DATABASE, "kefu.data-dir=target/test-data/rules",
		"kefu.secrets.key=" + RulesIntegrationTest.SECRETS_KEY, "kefu.admin.username=" + RulesIntegrationTest.ADMIN,
		"kefu.admin.password=" + RulesIntegrationTest.ADMIN_PASSWORD, "kefu.media.allow-private-networks=true" })
@Import(PlannedReplies.class)
public @interface RulesIntegrationTest {

	String DATABASE = "jdbc:h2:mem:kefu_rules_it;DB_CLOSE_DELAY=-1";

	String ADMIN = "rules-admin";

	String ADMIN_PASSWORD = "Rules-admin-password-1";

	String SECRETS_KEY = "c2VjcmV0cy1rZXktZm9yLXJ1bGVzLXRlc3RzLTMyYmI=";

}
