package dev.kefu.apps;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * One kefu on a random port over an in-memory H2 database, shared by the apps and
 * security integration tests so Spring's context cache starts it once. Tests add rows
 * with their own AppIDs and never assume an empty registry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:kefu_apps_web;DB_CLOSE_DELAY=-1",
				"kefu.data-dir=target/test-data/apps-web", "kefu.secrets.key=" + AppsIntegrationTest.SECRETS_KEY,
				"kefu.admin.username=" + AppsIntegrationTest.ADMIN,
				"kefu.admin.password=" + AppsIntegrationTest.ADMIN_PASSWORD,
				"kefu.app.id=" + AppsIntegrationTest.BOOTSTRAP_APP_ID, "kefu.app.name=Bootstrapped",
				"kefu.app.secret=" + AppsIntegrationTest.BOOTSTRAP_SECRET, "kefu.app.token=bootToken",
				"kefu.app.aes-key=" + AppsIntegrationTest.BOOTSTRAP_AES_KEY })
public @interface AppsIntegrationTest {

	String ADMIN = "root-admin";

	String ADMIN_PASSWORD = "Adm1n-password-for-tests";

	String SECRETS_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

	String BOOTSTRAP_APP_ID = "wxb0075742a9b0075a";

	String BOOTSTRAP_SECRET = "b0075742a9b0075ab0075742a9b0075a";

	String BOOTSTRAP_AES_KEY = "BootstrapAesKeyBootstrapAesKeyBootstrapAesK";

}
