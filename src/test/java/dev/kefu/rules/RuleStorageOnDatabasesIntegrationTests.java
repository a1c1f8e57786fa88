package dev.kefu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.kefu.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The rules tables and their SQL on every database kefu supports. */
class RuleStorageOnDatabasesIntegrationTests {

	private static final Instant CREATED = Instant.parse("2026-03-04T02:00:00.123Z");

	static Stream<Arguments> databases() {
		return Stream.of(database("H2", TestDatabases::freshH2, "sa", "h2"),
				database("PostgreSQL", TestDatabases::freshPostgres, "postgres", "postgresql"),
				database("MariaDB", TestDatabases::freshMariadb, "root", "mariadb"));
	}

	private static Arguments database(String name, Supplier<String> url, String user, String vendor) {
		return Arguments.argumentSet(name, url, user, vendor);
	}

	private record Database(JdbcClient jdbc, TransactionTemplate transactions, JdbcTransactionManager manager) {
	}

	private static Database migrate(Supplier<String> fresh, String user, String vendor) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(fresh.get(), user, "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load()
			.migrate();
		JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
		return new Database(JdbcClient.create(dataSource), new TransactionTemplate(manager), manager);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void storesAndReadsBackEveryFieldOfARule(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		RuleStore store = new RuleStore(database.jdbc(), JsonMapper.builder().build());
		Rule rule = new Rule("r-1", "wx-app", "营业时间欢迎", Trigger.WELCOME, 5, true, ReplyMode.RANDOM, List.of(),
				List.of(new RulePart.Send(new Reply.Text("欢迎😀 <a href=\"x\">链接</a>")),
						new RulePart.Send(new Reply.Link("标题", null, "https://example.com/?a=1&b=2", null)),
						new RulePart.Send(new Reply.Image("asset-1")),
						new RulePart.Send(new Reply.MiniProgramPage("首页", "pages/index/index?x=1", "asset-2"))),
				Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
				new BusinessHours(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY), LocalTime.of(9, 30), LocalTime.of(2, 0)),
				"banner", Duration.ofHours(12), CREATED, CREATED);
		Rule keywords = new Rule("r-2", "wx-app", "下载", Trigger.KEYWORD, 0, true, ReplyMode.ALL,
				List.of(new Keyword("下载", MatchMode.EXACT), new Keyword("ＡＰＰ", MatchMode.CONTAINS),
						new Keyword("^订单\\d+$", MatchMode.REGEX)),
				List.of(new RulePart.Transfer()), null, null, null, null, null, CREATED.plusMillis(1),
				CREATED.plusMillis(1));

		database.transactions().executeWithoutResult((status) -> {
			store.insert(rule, 1);
			store.insert(keywords, 3);
		});

		assertThat(store.find("wx-app", "r-1")).contains(new RuleStore.Stored(rule, 1));
		assertThat(store.all("wx-app")).containsExactly(new RuleStore.Stored(rule, 1),
				new RuleStore.Stored(keywords, 3));
		assertThat(store.find("wx-other", "r-1")).isEmpty();
		assertThat(store.usesAsset("wx-app", "asset-1")).isTrue();
		assertThat(store.usesAsset("wx-app", "asset-2")).isTrue();
		assertThat(store.usesAsset("wx-app", "asset-")).isFalse();
		assertThat(store.usesAsset("wx-app", "asset_1")).isFalse();
		assertThat(store.regexCount("wx-app", "r-1")).isEqualTo(1);
		assertThat(store.regexCount("wx-app", "r-2")).isZero();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void findsExactKeywordsOfOtherEnabledRulesByNormalForm(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		RuleStore store = new RuleStore(database.jdbc(), JsonMapper.builder().build());
		database.transactions().executeWithoutResult((status) -> {
			store.insert(keywordRule("on", true, "Download APP"), 1);
			store.insert(keywordRule("off", false, "下载"), 1);
			store.insert(keywordRule("accent", true, "café"), 1);
		});

		assertThat(store.exactOwners("wx-app", List.of("download app", "下载", "cafe"), "new"))
			.isEqualTo(Map.of("download app", "on"));
		assertThat(store.exactOwners("wx-app", List.of("download app"), "on")).isEmpty();
		assertThat(store.exactOwners("wx-app", List.of(), "on")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void countsRevisionsPerApp(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		RuleStore store = new RuleStore(database.jdbc(), JsonMapper.builder().build());
		assertThat(store.revisionRowMissing("wx-app")).isTrue();
		store.insertRevisionRow("wx-app");
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> store.insertRevisionRow("wx-app"));

		database.transactions().executeWithoutResult((status) -> store.bumpRevision("wx-app"));
		database.transactions().executeWithoutResult((status) -> store.bumpRevision("wx-app"));

		assertThat(store.revision("wx-app")).isEqualTo(2);
		assertThat(store.revisions()).containsEntry("wx-app", 2L);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void keepsTheVersionHistoryOfALargeRule(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JsonMapper json = JsonMapper.builder().build();
		RuleHistory history = new RuleHistory(database.jdbc(), json);
		List<Keyword> keywords = java.util.stream.IntStream.range(0, RuleValidator.MAX_KEYWORDS)
			.mapToObj((i) -> new Keyword("关键词".repeat(33) + i, MatchMode.CONTAINS))
			.toList();
		List<RulePart> replies = java.util.stream.IntStream.range(0, RuleValidator.MAX_REPLIES)
			.mapToObj((i) -> (RulePart) new RulePart.Send(new Reply.Text("长".repeat(682))))
			.toList();
		RuleDocument largest = RuleDocument.of(new Rule("r-1", "wx-app", "名".repeat(100), Trigger.KEYWORD, 0, true,
				ReplyMode.ALL, keywords, replies, null, null, null, null, null, CREATED, CREATED), 1);

		database.transactions().executeWithoutResult((status) -> {
			history.record("wx-app",
					new RuleVersion("r-1", 1, RuleVersion.Change.CREATED, "admin", CREATED, null, largest));
			history.record("wx-app",
					new RuleVersion("r-1", 2, RuleVersion.Change.DELETED, "editor", CREATED, largest, null));
		});

		assertThat(history.latest("wx-app", "r-1")).isEqualTo(2);
		assertThat(history.versions("wx-app", "r-1")).extracting(RuleVersion::changedBy)
			.containsExactly("editor", "admin");
		assertThat(history.version("wx-app", "r-1", 1)).get().extracting(RuleVersion::after).isEqualTo(largest);
	}

	@ParameterizedTest
	@MethodSource("databases")
	void claimsACooldownOncePerPeriod(Supplier<String> url, String user, String vendor) {
		Database database = migrate(url, user, vendor);
		JdbcFiringLedger ledger = new JdbcFiringLedger(database.jdbc(), database.manager());
		Duration period = Duration.ofMinutes(10);

		assertThat(claim(database, ledger, CREATED, period)).isTrue();
		assertThat(claim(database, ledger, CREATED.plusSeconds(599), period)).isFalse();
		assertThat(claim(database, ledger, CREATED.plusSeconds(600), period)).isTrue();
		assertThat(claim(database, ledger, CREATED.plusSeconds(601), period)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void keepsDecisionsNewestFirstAndLeavesEnteringsOutOfTheUnmatched(Supplier<String> url, String user,
			String vendor) {
		Database database = migrate(url, user, vendor);
		RuleDecisions decisions = new RuleDecisions(database.jdbc());
		decisions.record(new RuleDecision("m-1", "wx-app", "user", Outcome.KEYWORD, "r-1", CREATED, false));
		decisions
			.record(new RuleDecision("m-2", "wx-app", "user", Outcome.NO_RULE, null, CREATED.plusSeconds(1), true));
		decisions
			.record(new RuleDecision("m-3", "wx-app", "user", Outcome.DEFAULT, "r-2", CREATED.plusSeconds(2), false));

		assertThat(decisions.recent("wx-app", false, 2)).extracting(RuleDecision::messageId)
			.containsExactly("m-3", "m-2");
		assertThat(decisions.recent("wx-app", true, 10)).extracting(RuleDecision::messageId).containsExactly("m-3");
		assertThat(decisions.find("m-2")).get().extracting(RuleDecision::ruleId).isNull();
		assertThat(decisions.find("m-2")).get().extracting(RuleDecision::enteredChat).isEqualTo(true);
		assertThat(decisions.find("m-1")).get().extracting(RuleDecision::enteredChat).isEqualTo(false);
		assertThat(decisions.hits("wx-app", "r-1", CREATED)).isEqualTo(1);
	}

	private static boolean claim(Database database, JdbcFiringLedger ledger, Instant at, Duration period) {
		return database.transactions().execute((status) -> ledger.claim("wx-app", "user", Trigger.DEFAULT, at, period));
	}

	private static Rule keywordRule(String id, boolean enabled, String keyword) {
		return new Rule(id, "wx-app", id, Trigger.KEYWORD, 0, enabled, ReplyMode.ALL,
				List.of(new Keyword(keyword, MatchMode.EXACT)), List.of(new RulePart.Transfer()), null, null, null,
				null, null, CREATED, CREATED);
	}

}
