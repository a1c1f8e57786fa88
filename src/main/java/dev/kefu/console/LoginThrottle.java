package dev.kefu.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting a stranger lock anyone out. Failed sign-ins are
 * counted, for {@code kefu.console.lockout} from the first of them:
 * <ul>
 * <li>per account and address: after {@code kefu.console.max-failed-logins} that address
 * may not try that account again until the period ends;</li>
 * <li>per address: after {@code kefu.console.max-failed-logins-per-address} (any
 * accounts) the address may not try at all;</li>
 * <li>per account: after {@code kefu.console.max-failed-logins-per-account} (any
 * addresses) the account may only be tried from addresses it signed in from before, so a
 * guesser spread over many addresses is stopped while its owner still gets in.</li>
 * </ul>
 * A refused attempt is answered like a wrong password and its password is not even
 * checked. The counts live in this instance's memory (bounded), so they are per instance
 * and start again with it; behind a reverse proxy set
 * {@code server.forward-headers-strategy} so that the address is the client's. IPv6
 * addresses count by their /64, which one client usually owns whole.
 */
@Component
class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	/** Most keys remembered; past it expired ones are dropped, then the oldest half. */
	static final int MAX_ENTRIES = 100_000;

	/** How long an address a user signed in from counts as theirs. */
	private static final Duration KNOWN_ADDRESS = Duration.ofDays(30);

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Map<String, Long> knownAddresses = new ConcurrentHashMap<>();

	private final ConsoleProperties.Console settings;

	private final Clock clock;

	LoginThrottle(ConsoleProperties properties, Clock clock) {
		this.settings = properties.console();
		this.clock = clock;
	}

	/**
	 * Whether an attempt to sign in as {@code username} from {@code address} is refused
	 * unchecked.
	 */
	boolean refuses(String username, String address) {
		long now = this.clock.millis();
		String network = network(address);
		String account = normalise(username);
		if (reached("a:" + network, this.settings.maxFailedLoginsPerAddress(), now)
				|| reached("u:" + account + "|" + network, this.settings.maxFailedLogins(), now)) {
			return true;
		}
		return reached("n:" + account, this.settings.maxFailedLoginsPerAccount(), now) && !known(account, network, now);
	}

	/** Counts a failed attempt (a wrong password, an unknown or disabled user). */
	void failed(String username, String address) {
		long now = this.clock.millis();
		String network = network(address);
		String account = normalise(username);
		count("a:" + network, now);
		count("n:" + account, now);
		if (count("u:" + account + "|" + network, now) == this.settings.maxFailedLogins()) {
			// the name as typed is never logged: it may be a password typed into the
			// wrong field
			logger.info("Sign-in paused for {} from {} after {} failed attempts on one account",
					this.settings.lockout(), network, this.settings.maxFailedLogins());
		}
	}

	/**
	 * A successful sign-in: that account's count from that address starts again, the
	 * address is known.
	 */
	void succeeded(String username, String address) {
		String network = network(address);
		String account = normalise(username);
		this.failures.remove("u:" + account + "|" + network);
		remember(this.knownAddresses, account + "|" + network, this.clock.millis());
	}

	/** Whether attempts on this account are being refused from somewhere. */
	boolean paused(String username) {
		long now = this.clock.millis();
		String account = normalise(username);
		if (reached("n:" + account, this.settings.maxFailedLoginsPerAccount(), now)) {
			return true;
		}
		String prefix = "u:" + account + "|";
		return this.failures.entrySet()
			.stream()
			.anyMatch((e) -> e.getKey().startsWith(prefix)
					&& e.getValue().reached(this.settings.maxFailedLogins(), now, this.settings.lockout()));
	}

	/** Forgets the failures of this account, from every address (an admin's "unlock"). */
	void forget(String username) {
		String account = normalise(username);
		String prefix = "u:" + account + "|";
		this.failures.remove("n:" + account);
		this.failures.keySet().removeIf((key) -> key.startsWith(prefix));
	}

	private boolean reached(String key, int max, long now) {
		Failures f = this.failures.get(key);
		return f != null && f.reached(max, now, this.settings.lockout());
	}

	private boolean known(String account, String network, long now) {
		Long at = this.knownAddresses.get(account + "|" + network);
		return at != null && now - at < KNOWN_ADDRESS.toMillis();
	}

	private int count(String key, long now) {
		if (this.failures.size() >= MAX_ENTRIES && !this.failures.containsKey(key)) {
			prune(now);
		}
		long window = this.settings.lockout().toMillis();
		return this.failures
			.compute(key, (k, f) -> (f == null || now - f.since() >= window) ? new Failures(1, now) : f.plusOne())
			.count();
	}

	private void prune(long now) {
		long window = this.settings.lockout().toMillis();
		this.failures.values().removeIf((f) -> now - f.since() >= window);
		if (this.failures.size() >= MAX_ENTRIES / 2) {
			long cutoff = this.failures.values()
				.stream()
				.mapToLong(Failures::since)
				.sorted()
				.skip(this.failures.size() / 2)
				.findFirst()
				.orElse(now);
			this.failures.values().removeIf((f) -> f.since() <= cutoff);
		}
	}

	private static void remember(Map<String, Long> map, String key, long now) {
		if (map.size() >= MAX_ENTRIES && !map.containsKey(key)) {
			Iterator<Map.Entry<String, Long>> oldest = map.entrySet().iterator();
			for (int i = 0; i < MAX_ENTRIES / 10 && oldest.hasNext(); i++) {
				oldest.next();
				oldest.remove();
			}
		}
		map.put(key, now);
	}

	private static String normalise(String username) {
		return (username != null) ? username.strip().toLowerCase(java.util.Locale.ROOT) : "";
	}

	/**
	 * The address an attempt is counted under: IPv4 as is, IPv6 by its first four groups.
	 */
	static String network(String address) {
		if (address == null || address.isEmpty()) {
			return "unknown";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// a literal with a colon is parsed, never looked up
			byte[] bytes = java.net.InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
			if (bytes.length == 4) {
				return java.net.InetAddress.getByAddress(bytes).getHostAddress();
			}
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		catch (java.net.UnknownHostException ex) {
			return "unknown";
		}
	}

	/** Failures counted under one key since the first of them. */
	private record Failures(int count, long since) {

		Failures plusOne() {
			return new Failures(this.count + 1, this.since);
		}

		boolean reached(int max, long now, Duration window) {
			return this.count >= max && now - this.since < window.toMillis();
		}

	}

}
