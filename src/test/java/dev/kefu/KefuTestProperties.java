package dev.kefu;

/** Properties the delivery tests start kefu with. */
public final class KefuTestProperties {

	/** A fixed key for sealing app credentials, so no key file is generated. */
	public static final String SECRETS_KEY = "kefu.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	public static final String ADMIN_PASSWORD = "kefu.admin.password=admin-password-for-tests";

	/**
	 * Retries after 100 ms, doubling up to 400 ms, so retry paths run in a second or two.
	 */
	public static final String FAST_RETRIES = "kefu.outbox.first-retry=100ms";

	public static final String SHORT_RETRY_CAP = "kefu.outbox.max-retry-delay=400ms";

	/** A dead instance's deliveries are taken over after 5 s instead of 30 s. */
	public static final String QUICK_TAKEOVER = "kefu.outbox.takeover=5s";

	private KefuTestProperties() {
	}

}
