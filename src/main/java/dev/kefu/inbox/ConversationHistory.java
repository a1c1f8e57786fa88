package dev.kefu.inbox;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Service;

/**
 * Read access to the recorded messages by conversation, for other modules' screens (the
 * agent desk): who wrote last, one user's messages, how many arrived since a moment, when
 * given users wrote and how many users wrote in a period.
 */
@Service
public class ConversationHistory {

	/**
	 * One recorded push of a user.
	 *
	 * @param id kefu's message id
	 * @param openId the user
	 * @param msgType {@code text}, {@code image}, {@code miniprogrampage}, {@code event},
	 * …
	 * @param event the event, for {@code msgType=event}
	 * @param content the text, the picture's URL or the card's title, or {@code null}
	 * @param receivedAt when the push arrived
	 */
	public record Message(String id, String openId, String msgType, String event, String content, Instant receivedAt) {
	}

	private static final int BATCH = 500;

	/** Where the users' column goes in {@link #OF_USER}. */
	private static final String USER = "{user}";

	/** One user's messages of a period, events not counted. */
	private static final String OF_USER = "WHERE app_id = ? AND open_id " + USER
			+ " AND received_at >= ? AND received_at < ? AND msg_type <> 'event'";

	private final JdbcClient jdbc;

	private final boolean h2;

	ConversationHistory(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.h2 = "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
	}

	/**
	 * The last message of each of the {@code limit} users who wrote last, newest first.
	 */
	public List<Message> latest(String appId, int limit) {
		return this.jdbc
			.sql("SELECT m.id, m.open_id, m.msg_type, m.event_type, m.content, m.received_at FROM inbox_message m JOIN "
					+ "(SELECT open_id, MAX(received_at) AS last_at FROM inbox_message WHERE app_id = ? GROUP BY open_id) u "
					+ "ON m.open_id = u.open_id AND m.received_at = u.last_at WHERE m.app_id = ? "
					+ "ORDER BY m.received_at DESC, m.id DESC LIMIT ?")
			.params(appId, appId, limit)
			.query((rs, n) -> message(rs))
			.list()
			.stream()
			.filter(distinctUsers())
			.toList();
	}

	/** The user's latest {@code limit} messages, oldest first. */
	public List<Message> of(String appId, String openId, int limit) {
		List<Message> messages = new ArrayList<>(this.jdbc
			.sql("SELECT id, open_id, msg_type, event_type, content, received_at FROM inbox_message "
					+ "WHERE app_id = ? AND open_id = ? ORDER BY received_at DESC, id DESC LIMIT ?")
			.params(appId, openId, limit)
			.query((rs, n) -> message(rs))
			.list());
		Collections.reverse(messages);
		return messages;
	}

	/** How many messages the user sent after {@code since} (events not counted). */
	public int countSince(String appId, String openId, Instant since) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM inbox_message WHERE app_id = ? AND open_id = ? AND received_at > ? "
					+ "AND msg_type <> 'event'")
			.params(appId, openId, since.toEpochMilli())
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * A user's message arrived: who and when.
	 *
	 * @param openId the user
	 * @param receivedAt when the push arrived
	 */
	public record Arrival(String openId, Instant receivedAt) {
	}

	/**
	 * When the given users of the app wrote in {@code [from, to)}, oldest first (events
	 * not counted). Asked by user ({@code ix_inbox_message_user}), a few hundred at a
	 * time, so the work grows with these users' messages, not with the app's.
	 */
	public List<Arrival> arrivals(String appId, Instant from, Instant to, Collection<String> openIds) {
		List<Arrival> arrivals = byUser("SELECT open_id, received_at FROM inbox_message " + OF_USER, appId, from, to,
				openIds, (rs, n) -> new Arrival(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
		arrivals.sort(Comparator.comparing(Arrival::receivedAt));
		return arrivals;
	}

	/**
	 * When each of the given users of the app last wrote in {@code [from, to)} (events
	 * not counted); users who did not write are left out.
	 */
	public Map<String, Instant> lastArrivals(String appId, Instant from, Instant to, Collection<String> openIds) {
		Map<String, Instant> last = new HashMap<>();
		byUser("SELECT open_id, MAX(received_at) FROM inbox_message " + OF_USER + " GROUP BY open_id", appId, from, to,
				openIds, (rs, n) -> last.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
		return last;
	}

	/**
	 * Runs a query of one user's messages ({@link #OF_USER}) for each of the users, a
	 * batch at a time.
	 */
	private <T> List<T> byUser(String query, String appId, Instant from, Instant to, Collection<String> openIds,
			RowMapper<T> rows) {
		List<T> found = new ArrayList<>();
		for (List<String> some : batches(openIds)) {
			List<Object> params = new ArrayList<>();
			String sql;
			if (this.h2) {
				// H2 uses an IN list in an index only on its first column (app_id here)
				// and would read all the app's messages: one lookup per user instead
				sql = String.join(" UNION ALL ", Collections.nCopies(some.size(), query.replace(USER, "= ?")));
				some.forEach((openId) -> params.addAll(List.of(appId, openId, from.toEpochMilli(), to.toEpochMilli())));
			}
			else {
				sql = query.replace(USER, "IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ")");
				params.add(appId);
				params.addAll(some);
				params.addAll(List.of(from.toEpochMilli(), to.toEpochMilli()));
			}
			found.addAll(this.jdbc.sql(sql).params(params).query(rows).list());
		}
		return found;
	}

	/** How many of the app's users wrote in {@code [from, to)} (events not counted). */
	public int writers(String appId, Instant from, Instant to) {
		// ix_inbox_message_received serves the range
		return this.jdbc
			.sql("SELECT COUNT(DISTINCT open_id) FROM inbox_message WHERE app_id = ? AND received_at >= ? "
					+ "AND received_at < ? AND msg_type <> 'event'")
			.params(appId, from.toEpochMilli(), to.toEpochMilli())
			.query(Long.class)
			.single()
			.intValue();
	}

	/** When the app's last push arrived (epoch ms, 0 for none): cheap, for pollers. */
	public long lastReceived(String appId) {
		// MAX of no rows is NULL, which getLong reads as 0
		return this.jdbc.sql("SELECT MAX(received_at) FROM inbox_message WHERE app_id = ?")
			.param(appId)
			.query((rs, n) -> rs.getLong(1))
			.single();
	}

	/** Short enough IN lists for every database's statement limits and plans. */
	private static List<List<String>> batches(Collection<String> openIds) {
		List<String> all = List.copyOf(new HashSet<>(openIds));
		List<List<String>> batches = new ArrayList<>();
		for (int i = 0; i < all.size(); i += BATCH) {
			batches.add(all.subList(i, Math.min(i + BATCH, all.size())));
		}
		return batches;
	}

	private static Predicate<Message> distinctUsers() {
		Set<String> seen = new HashSet<>();
		return (message) -> seen.add(message.openId());
	}

	private static Message message(ResultSet rs) throws SQLException {
		return new Message(rs.getString("id"), rs.getString("open_id"), rs.getString("msg_type"),
				rs.getString("event_type"), rs.getString("content"), Instant.ofEpochMilli(rs.getLong("received_at")));
	}

}
