package dev.kefu.desk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.kefu.TimeOrderedIds;
import dev.kefu.media.AssetUsage;
import dev.kefu.rules.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An app's library of quick replies: canned answers (text, link card, image or mini
 * program card) that agents insert at the desk with one click or by typing {@code /} and
 * the shortcut. Operators keep the library; agents only read it. An image or card
 * thumbnail a quick reply shows cannot be deleted from the assets while the quick reply
 * exists.
 */
@Service
public class QuickReplies implements AssetUsage {

	private static final Logger logger = LoggerFactory.getLogger(QuickReplies.class);

	/**
	 * Letters, digits, {@code _} and {@code -}: what follows the {@code /} typed at the
	 * desk.
	 */
	public static final Pattern SHORTCUT = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

	/** The most quick replies an app keeps. */
	public static final int MAX = 200;

	/**
	 * A quick reply.
	 *
	 * @param id its id
	 * @param shortcut what an agent types after {@code /}, unique in the app
	 * @param reply what it inserts
	 */
	public record QuickReply(String id, String shortcut, Reply reply) {
	}

	/** Why a quick reply was not added or changed. */
	public enum Refusal {

		/** Another quick reply of the app has the shortcut. */
		SHORTCUT_TAKEN,
		/** The app has {@link #MAX} quick replies (adding only). */
		FULL,
		/** The quick reply is not there (any more) (changing only). */
		NOT_FOUND

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	QuickReplies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The app's quick replies, by shortcut. */
	public List<QuickReply> list(String appId) {
		return this.jdbc
			.sql("SELECT id, shortcut, reply_type, content, title, description, url, asset_id, page_path "
					+ "FROM desk_quick_reply WHERE app_id = ? ORDER BY shortcut")
			.param(appId)
			.query(QuickReplies::row)
			.list();
	}

	/** The app's quick reply with that id, if it has one. */
	public Optional<QuickReply> find(String appId, String id) {
		return this.jdbc
			.sql("SELECT id, shortcut, reply_type, content, title, description, url, asset_id, page_path "
					+ "FROM desk_quick_reply WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.query(QuickReplies::row)
			.optional();
	}

	/**
	 * Adds a quick reply, checked by the caller ({@link #SHORTCUT}, a reply an agent may
	 * send); empty when added, else why not.
	 */
	public Optional<Refusal> add(String appId, String shortcut, Reply reply, String by) {
		if (count(appId) >= MAX) {
			return Optional.of(Refusal.FULL);
		}
		Instant now = this.clock.instant();
		String id = TimeOrderedIds.next(now);
		Object[] columns = columns(reply);
		try {
			this.jdbc.sql(
					"INSERT INTO desk_quick_reply (id, app_id, shortcut, reply_type, content, title, description, url, "
							+ "asset_id, page_path, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(id, appId, shortcut, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5],
						columns[6], now.toEpochMilli())
				.update();
		}
		catch (DuplicateKeyException ex) {
			return Optional.of(Refusal.SHORTCUT_TAKEN);
		}
		logger.info("Quick reply /{} added to app {} by {}", shortcut, appId, by);
		return Optional.empty();
	}

	/**
	 * Changes a quick reply's shortcut and reply, checked by the caller as for
	 * {@link #add}; empty when changed, else why not ({@link Refusal#SHORTCUT_TAKEN} when
	 * another quick reply has the shortcut, {@link Refusal#NOT_FOUND} when the app has
	 * none with that id, e.g. deleted meanwhile).
	 */
	public Optional<Refusal> update(String appId, String id, String shortcut, Reply reply, String by) {
		Object[] columns = columns(reply);
		int updated;
		try {
			updated = this.jdbc
				.sql("UPDATE desk_quick_reply SET shortcut = ?, reply_type = ?, content = ?, title = ?, "
						+ "description = ?, url = ?, asset_id = ?, page_path = ?, updated_at = ? "
						+ "WHERE app_id = ? AND id = ?")
				.params(shortcut, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6],
						this.clock.millis(), appId, id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			return Optional.of(Refusal.SHORTCUT_TAKEN);
		}
		if (updated == 0) {
			return Optional.of(Refusal.NOT_FOUND);
		}
		logger.info("Quick reply {} of app {} changed to /{} by {}", id, appId, shortcut, by);
		return Optional.empty();
	}

	/** Deletes a quick reply; {@code false} when the app has none with that id. */
	public boolean delete(String appId, String id, String by) {
		boolean deleted = this.jdbc.sql("DELETE FROM desk_quick_reply WHERE app_id = ? AND id = ?")
			.params(appId, id)
			.update() == 1;
		if (deleted) {
			logger.info("Quick reply {} of app {} deleted by {}", id, appId, by);
		}
		return deleted;
	}

	@Override
	public boolean uses(String appId, String assetId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM desk_quick_reply WHERE app_id = ? AND asset_id = ? AND reply_type IN (?, ?)")
			.params(appId, assetId, "image", "miniprogrampage")
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public Map<String, List<Use>> usesByAsset(String appId) {
		Map<String, List<Use>> uses = new LinkedHashMap<>();
		for (QuickReply quick : list(appId)) {
			String assetId = quick.reply().shownAsset();
			if (assetId != null) {
				uses.computeIfAbsent(assetId, (k) -> new ArrayList<>())
					.add(new Use("/" + quick.shortcut(), "/apps/" + appId + "/desk-settings"));
			}
		}
		return uses;
	}

	private long count(String appId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM desk_quick_reply WHERE app_id = ?")
			.param(appId)
			.query(Long.class)
			.single();
	}

	/** type, content, title, description, url, asset id, page path. */
	private static Object[] columns(Reply reply) {
		if (reply instanceof Reply.Text text) {
			return new Object[] { "text", text.content(), null, null, null, null, null };
		}
		if (reply instanceof Reply.Link link) {
			return new Object[] { "link", null, link.title(), link.description(), link.url(), null, null };
		}
		if (reply instanceof Reply.Image image) {
			return new Object[] { "image", null, null, null, null, image.assetId(), null };
		}
		if (reply instanceof Reply.MiniProgramPage page) {
			return new Object[] { "miniprogrampage", null, page.title(), null, null, page.thumbAssetId(),
					page.pagePath() };
		}
		throw new IllegalArgumentException("Not a reply an agent sends: " + reply.getClass().getSimpleName());
	}

	private static QuickReply row(ResultSet rs, int n) throws SQLException {
		Reply reply = switch (rs.getString(3)) {
			case "link" -> new Reply.Link(rs.getString(5), rs.getString(6), rs.getString(7), null, null);
			case "image" -> new Reply.Image(rs.getString(8));
			case "miniprogrampage" -> new Reply.MiniProgramPage(rs.getString(5), rs.getString(9), rs.getString(8));
			default -> new Reply.Text(rs.getString(4));
		};
		return new QuickReply(rs.getString(1), rs.getString(2), reply);
	}

}
