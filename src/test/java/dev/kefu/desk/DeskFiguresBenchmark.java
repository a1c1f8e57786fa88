package dev.kefu.desk;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.kefu.TestDatabases;
import dev.kefu.inbox.ConversationHistory;
import dev.kefu.outbox.HandReplies;
import dev.kefu.rules.Holds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One dashboard load of the desk's figures ({@link DeskFigures#report}) for the last day
 * or 30 days, at a busy app: 200,000 messages from 50,000 users over 30 days (one in 20
 * an event), a rule's reply to each of the others, 2,000 replies by hand from 5 agents
 * (one in 20 failed) within 3 hours of a message, their audit entries, and 60 holds (a
 * third queued). On a fresh H2 (in memory), PostgreSQL or MariaDB database of the local
 * servers, migrated as kefu migrates it.
 * <p>
 * Run: {@code bench/jmh DeskFigures -f 1} (or {@code -p database=postgresql}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class DeskFiguresBenchmark {

	private static final Instant NOW = Instant.parse("2026-03-04T02:00:00Z");

	private static final String APP = "wx-bench";

	private static final int MESSAGES = 200_000;

	private static final int USERS = 50_000;

	private static final int HAND_REPLIES = 2_000;

	@Param({ "h2", "postgresql", "mariadb" })
	public String database;

	@Param({ "1", "30" })
	public int days;

	private DeskFigures figures;

	@Setup
	public void seed() {
		Supplier<String> url = switch (this.database) {
			case "postgresql" -> () -> TestDatabases.freshPostgres() + "?reWriteBatchedInserts=true";
			case "mariadb" -> () -> TestDatabases.freshMariadb() + "?rewriteBatchedStatements=true";
			default -> TestDatabases::freshH2;
		};
		String user = switch (this.database) {
			case "postgresql" -> "postgres";
			case "mariadb" -> "root";
			default -> "sa";
		};
		DriverManagerDataSource dataSource = TestDatabases.migrated(url, user, this.database);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		seed(template);
		if (this.database.equals("postgresql")) {
			template.execute("ANALYZE");
		}
		JdbcClient jdbc = JdbcClient.create(dataSource);
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		// the readers of the other modules, made as Spring makes them; the figures only
		// read
		this.figures = new DeskFigures(jdbc, construct(ConversationHistory.class, jdbc, dataSource),
				construct(HandReplies.class, null, null, null, jdbc, clock, null), construct(Holds.class, jdbc, clock),
				clock);
	}

	@Benchmark
	public DeskFigures.Report report() {
		return this.figures.report(APP, NOW.minus(Duration.ofDays(this.days)), NOW.plusMillis(1));
	}

	private static void seed(JdbcTemplate template) {
		SplittableRandom random = new SplittableRandom(42);
		long now = NOW.toEpochMilli();
		long span = Duration.ofDays(30).toMillis();
		List<Object[]> messages = new ArrayList<>();
		List<Object[]> deliveries = new ArrayList<>();
		String[] users = new String[MESSAGES];
		long[] times = new long[MESSAGES];
		for (int i = 0; i < MESSAGES; i++) {
			users[i] = "o-" + random.nextInt(USERS);
			times[i] = now - random.nextLong(span);
			boolean event = random.nextInt(20) == 0;
			String id = "m-" + i;
			messages.add(new Object[] { id, id, id, users[i], event ? "event" : "text",
					event ? "user_enter_tempsession" : null, times[i] / 1000, times[i], false });
			if (!event) {
				long at = times[i] + 1000;
				deliveries.add(new Object[] { "r-" + i, users[i], "m-" + i, "SENT", at, at, at, null });
			}
		}
		List<Object[]> audit = new ArrayList<>();
		for (int hand = 0; hand < HAND_REPLIES;) {
			int i = random.nextInt(MESSAGES);
			long at = times[i] + random.nextLong(Duration.ofHours(3).toMillis());
			if (at <= now) {
				String agent = "agent-" + random.nextInt(5);
				deliveries.add(new Object[] { "h-" + hand, users[i], "h-" + hand,
						(random.nextInt(20) == 0) ? "FAILED" : "SENT", at, at, at, agent });
				audit.add(new Object[] { "a-" + hand, users[i], agent, "REPLY", at });
				if (random.nextBoolean()) {
					audit.add(new Object[] { "c-" + hand, users[i], agent, "CLAIM", at - 60_000 });
				}
				hand++;
			}
		}
		List<Object[]> holds = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			holds.add(new Object[] { "o-" + (USERS - 1 - i), (i % 3 == 0) ? Holds.QUEUE : "agent-" + (i % 5),
					now + 600_000, now });
		}
		insert(template,
				"INSERT INTO inbox_message (id, app_id, dedupe_key, msg_id, open_id, msg_type, event_type, content, "
						+ "session_from, created_at, received_at, transferred) " + "VALUES (?, '" + APP
						+ "', ?, ?, ?, ?, ?, 'hi', NULL, ?, ?, ?)",
				messages);
		insert(template, "INSERT INTO outbox_delivery (id, app_id, open_id, message_id, part_index, rule_id, "
				+ "reply_type, reply_json, status, attempts, received_at, deadline_at, created_at, updated_at, sent_by) "
				+ "VALUES (?, '" + APP + "', ?, ?, 0, NULL, 'text', '{}', ?, 1, ?, 0, ?, ?, ?)", deliveries);
		insert(template, "INSERT INTO desk_audit (id, app_id, open_id, actor, action, detail, acted_at) "
				+ "VALUES (?, '" + APP + "', ?, ?, ?, NULL, ?)", audit);
		insert(template, "INSERT INTO rules_hold (app_id, open_id, holder, held_until, updated_at) " + "VALUES ('" + APP
				+ "', ?, ?, ?, ?)", holds);
	}

	private static void insert(JdbcTemplate template, String sql, List<Object[]> rows) {
		template.batchUpdate(sql, rows, 5000, (ps, row) -> {
			for (int c = 0; c < row.length; c++) {
				ps.setObject(c + 1, row[c]);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T construct(Class<T> type, Object... args) {
		return BeanUtils.instantiateClass((Constructor<T>) type.getDeclaredConstructors()[0], args);
	}

}
