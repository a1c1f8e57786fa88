package dev.kefu.rules;

import java.time.Clock;
import java.time.Duration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether an agent is online for an app: some instance had a desk page of the app
 * connected (its live stream open) within the last {@link #ONLINE}. Each instance with
 * open desks marks their apps seen in {@code desk_presence}, in the shared database,
 * every few seconds (the desk's {@code DeskPresence}), so the answer is the same on every
 * instance. Asked only when a rule hands a user to an agent, one read by primary key.
 */
@Component
public class AgentPresence {

	/** An app whose desk was last seen longer ago than this has no agent online. */
	public static final Duration ONLINE = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	AgentPresence(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A desk page of the app is connected now. */
	public void seen(String appId) {
		long now = this.clock.millis();
		if (this.jdbc.sql("UPDATE desk_presence SET seen_at = ? WHERE app_id = ?").params(now, appId).update() == 0) {
			try {
				this.jdbc.sql("INSERT INTO desk_presence (app_id, seen_at) VALUES (?, ?)").params(appId, now).update();
			}
			catch (DuplicateKeyException ex) {
				// another instance marked it at the same moment: seen either way
			}
		}
	}

	/**
	 * Whether a desk page of the app was connected within {@link #ONLINE}, on any
	 * instance.
	 */
	public boolean online(String appId) {
		return this.jdbc.sql("SELECT seen_at FROM desk_presence WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.optional()
			.map((seen) -> seen > this.clock.millis() - ONLINE.toMillis())
			.orElse(false);
	}

}
