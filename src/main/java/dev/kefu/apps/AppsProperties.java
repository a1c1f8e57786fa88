package dev.kefu.apps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the apps module.
 *
 * @param dataDir {@code kefu.data-dir}: where kefu keeps local files, such as a generated
 * secrets key
 * @param secrets {@code kefu.secrets.*}: how credentials are encrypted at rest
 * @param apps {@code kefu.apps.*}: the in-memory view of the apps
 * @param app {@code kefu.app.*}, usually given as the environment variables
 * {@code KEFU_APP_ID}, {@code KEFU_APP_SECRET}, {@code KEFU_APP_TOKEN},
 * {@code KEFU_APP_AES_KEY} (and optionally {@code KEFU_APP_NAME} and
 * {@code KEFU_APP_PUSH_MODE}): one app to create or update at start-up
 */
@ConfigurationProperties("kefu")
@Validated
record AppsProperties(@DefaultValue("./data") @NotNull(message = "kefu.data-dir must be set") Path dataDir,
		@DefaultValue @Valid Secrets secrets, @DefaultValue @Valid Registry apps, @DefaultValue Bootstrap app) {

	/**
	 * @param key {@code kefu.secrets.key}: base64 of 32 random bytes, the AES-256 key
	 * that seals app credentials; when absent, one is generated into {@code secrets.key}
	 * under the data directory on first start and reused afterwards. Every instance
	 * sharing a database needs the same key.
	 */
	record Secrets(String key) {

		@AssertTrue(message = "kefu.secrets.key must be the base64 encoding of exactly 32 bytes")
		boolean isKeyValid() {
			return this.key == null || decodedKey() != null;
		}

		byte[] decodedKey() {
			try {
				byte[] bytes = Base64.getDecoder().decode(this.key.strip());
				return (bytes.length == 32) ? bytes : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "Secrets[key=" + ((this.key != null) ? "***" : "generated") + "]";
		}

	}

	/**
	 * @param refreshInterval {@code kefu.apps.refresh-interval}: how often each instance
	 * checks the database for apps changed by another instance
	 */
	record Registry(
			@DefaultValue("1s") @NotNull(message = "kefu.apps.refresh-interval must be set") Duration refreshInterval) {

		@AssertTrue(message = "kefu.apps.refresh-interval must be positive")
		boolean isRefreshIntervalPositive() {
			return this.refreshInterval == null
					|| !(this.refreshInterval.isNegative() || this.refreshInterval.isZero());
		}

	}

	/**
	 * The app bootstrapped from the environment; all {@code null} when none is given.
	 *
	 * @param pushMode {@code KEFU_APP_PUSH_MODE}: {@code PLAINTEXT}, {@code COMPATIBLE}
	 * or {@code SAFE} as set in WeChat's admin console; when absent the recorded mode is
	 * left as it is
	 */
	record Bootstrap(String id, String name, String secret, String token, String aesKey, String pushMode) {

		boolean isGiven() {
			return this.id != null || this.secret != null || this.token != null || this.aesKey != null
					|| this.pushMode != null;
		}

		@Override
		public String toString() {
			return "Bootstrap[id=" + this.id + ", name=" + this.name + ", pushMode=" + this.pushMode
					+ ", credentials=***]";
		}

	}

}
