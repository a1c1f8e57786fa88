package dev.kefu.inbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.kefu.FakeWeChat;
import dev.kefu.KefuProcess;
import dev.kefu.KefuTestProperties;
import dev.kefu.TestDatabases;
import dev.kefu.TestHttp;
import dev.kefu.TestRedis;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every acknowledged push is answered, once, even when the instance that acknowledged it
 * dies. Two packaged kefu processes share one fresh database (and Redis, in two
 * variants); 16 pushers send every push to both, as WeChat's retries may land on either;
 * one instance is killed with SIGKILL under load and not restarted, the load goes on
 * against the survivor, and a fake WeChat API in this JVM records every reply. A DEFAULT
 * text rule answers each push with one reply.
 * <p>
 * Allowed: a second reply to a user whose first was sent by the killed instance just
 * before it died (WeChat accepted it, the outcome never reached the database), at most
 * one per send the killed instance could have had in flight ({@link #SENDERS}).
 */
class InstanceDeathIntegrationTests {

	private static final int PUSHERS = 16;

	/**
	 * The most pushes a second the pushers send (each to both instances). The test is
	 * about what an instance's death loses, so the survivor must keep pace on its own: a
	 * load above what it sends builds a backlog that every wait, the takeover's included,
	 * queues behind (how fast kefu answers is the benchmarks' question). Runs with
	 * unbounded pushers at 300 to 640 a second passed; one at 1,000 a second on MariaDB
	 * built a backlog that the taken-over replies waited 45 s behind.
	 */
	private static final int PUSHES_PER_SECOND = 300;

	private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(5);

	private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(5);

	/** {@code kefu.outbox.takeover}: short, so that the test is. */
	private static final Duration TAKEOVER = Duration.ofSeconds(10);

	/**
	 * Beyond the takeover: the survivor sends what it took over behind the replies to its
	 * own load, on a loaded 2-core machine. The whole wait is bounded by the default
	 * takeover, 30 s, which is what the test holds kefu to; runs here took 10 to 22 s.
	 */
	private static final Duration TAKEOVER_SLACK = Duration.ofSeconds(20);

	/**
	 * {@code kefu.outbox.senders}: bounds an instance's sends in flight, hence the
	 * duplicates its death may cause.
	 */
	private static final int SENDERS = 8;

	private static final String ADMIN_PASSWORD = KefuTestProperties.ADMIN_PASSWORD.split("=", 2)[1];

	private static final String TOKEN = "deathToken";

	private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

	enum Variant {

		POSTGRESQL, POSTGRESQL_REDIS, MARIADB, MARIADB_REDIS;

		boolean postgres() {
			return name().startsWith("POSTGRESQL");
		}

		boolean redis() {
			return name().endsWith("_REDIS");
		}

	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Variant.class)
	void everyAcknowledgedPushIsAnsweredThoughAnInstanceDiesAndOnlySendsInFlightRepeat(Variant variant)
			throws Exception {
		String database = variant.postgres() ? TestDatabases.freshPostgres() : TestDatabases.freshMariadb();
		if (variant.redis()) {
			TestRedis.connect().destroy();
		}
		String appId = "wx" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String secret = "secret-" + UUID.randomUUID();
		Path dir = Path.of("target", "instance-death", variant.name().toLowerCase());
		int[] ports = KefuProcess.freePorts(2);
		List<KefuProcess> instances = new ArrayList<>();
		try (FakeWeChat wechat = FakeWeChat.start()) {
			wechat.register(appId, secret);
			for (String name : List.of("a", "b")) {
				List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + database,
						"spring.datasource.username=" + (variant.postgres() ? "postgres" : "root"),
						"spring.datasource.password=", "kefu.data-dir=" + dir.resolve(name + "-data"),
						KefuTestProperties.SECRETS_KEY, KefuTestProperties.ADMIN_PASSWORD, "kefu.sandbox.enabled=false",
						"kefu.wechat.api-base-url=" + wechat.baseUrl(),
						"kefu.outbox.takeover=" + TAKEOVER.toSeconds() + "s", "kefu.outbox.senders=" + SENDERS));
				if (variant.redis()) {
					properties.add("spring.data.redis.host=" + TestRedis.HOST);
				}
				instances.add(KefuProcess.start(
						name, ports[instances.size()], dir.resolve(name + ".log"), Map.of("KEFU_APP_ID", appId,
								"KEFU_APP_SECRET", secret, "KEFU_APP_TOKEN", TOKEN, "KEFU_APP_AES_KEY", AES_KEY),
						properties));
			}
			try {
				run(variant, appId, instances, wechat);
			}
			catch (Throwable failure) {
				instances.forEach((instance) -> System.out.println(instance.problems(40) + "\n" + instance.tail(60)));
				throw failure;
			}
		}
		finally {
			instances.forEach(KefuProcess::close);
		}
	}

	private void run(Variant variant, String appId, List<KefuProcess> instances, FakeWeChat wechat) throws Exception {
		KefuProcess doomed = instances.get(0);
		KefuProcess survivor = instances.get(1);
		for (KefuProcess instance : instances) {
			instance.awaitHealthy(Duration.ofSeconds(120));
		}
		assertThat(TestHttp.on(doomed.port())
			.as("admin", ADMIN_PASSWORD)
			.postJson("/api/apps/" + appId + "/rules", """
					{"name": "answer all", "trigger": "DEFAULT", "priority": 0, "enabled": true, "replyMode": "ALL",
					 "keywords": [], "replies": [{"type": "text", "content": "we will be with you shortly"}]}""")
			.statusCode()).as("creating the DEFAULT rule").isEqualTo(201);
		String runTag = String.format("%010d", System.currentTimeMillis() % 10_000_000_000L);
		MirroredPushes pushes = new MirroredPushes(
				instances.stream().map((instance) -> instance.uri("/wechat/" + appId)).toList(), appId, TOKEN, AES_KEY,
				runTag);
		for (int i = 0; i < instances.size(); i++) {
			awaitAnswering(pushes, i, runTag, wechat);
		}

		pushes.start(PUSHERS, PUSHES_PER_SECOND);
		Thread.sleep(LOAD_BEFORE_KILL.toMillis());
		doomed.kill();
		long killedAt = System.nanoTime();
		Thread.sleep(LOAD_AFTER_KILL.toMillis());
		pushes.stop();
		long loadEnd = System.nanoTime();

		Map<String, Long> acknowledged = pushes.acknowledged();
		String prefix = pushes.openId(0).substring(0, pushes.openId(0).length() - 8);
		// Wait for every reply, and past the takeover, so that a second send after a
		// takeover shows too.
		long answersDue = loadEnd + TAKEOVER.plusSeconds(30).toNanos();
		long takeoverOver = killedAt + TAKEOVER.plus(TAKEOVER_SLACK).toNanos();
		ReplyAudit audit = ReplyAudit.of(acknowledged, wechat.sent(), (user) -> user.startsWith(prefix), killedAt);
		while (System.nanoTime() < answersDue && !(audit.complete() && System.nanoTime() > takeoverOver)) {
			Thread.sleep(250);
			audit = ReplyAudit.of(acknowledged, wechat.sent(), (user) -> user.startsWith(prefix), killedAt);
		}

		System.out.printf("%s: %d pushes sent to both instances; %s; killed %s %s, survivor %s %s; logs in %s%n",
				variant, pushes.sent(), audit, doomed.name(), pushes.answers(0), survivor.name(), pushes.answers(1),
				doomed.log().getParent());
		if (!audit.inFlightDuplicates().isEmpty()) {
			System.out.println("sent twice around the kill (times from the kill):\n"
					+ ReplyAudit.describe(audit.inFlightDuplicates(), killedAt));
		}
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(audit.acknowledged())
			.as("pushes acknowledged (the test must load both instances)")
			.isGreaterThanOrEqualTo(100);
		softly.assertThat(pushes.successes(0)).as("copies the killed instance acknowledged").isPositive();
		softly.assertThat(audit.unanswered().size())
			.as("acknowledged but not answered within %s after the load (%d of %d, %d acknowledged before the kill; "
					+ "the first: %s)", TAKEOVER.plusSeconds(30), audit.unanswered().size(), audit.acknowledged(),
					audit.unansweredBeforeKill(),
					audit.unanswered().subList(0, Math.min(10, audit.unanswered().size())))
			.isZero();
		softly.assertThat(audit.otherDuplicates())
			.as("answered more than once, not explained by a send in flight at the kill:\n%s",
					ReplyAudit.describe(audit.otherDuplicates(), killedAt))
			.isEmpty();
		softly.assertThat(audit.inFlightDuplicates().size())
			.as("answered twice around the kill (a send in flight whose outcome was lost)")
			.isLessThanOrEqualTo(SENDERS);
		softly.assertThat(audit.maxWait())
			.as("longest wait for a reply after the kill")
			.isLessThanOrEqualTo(TAKEOVER.plus(TAKEOVER_SLACK));
		softly.assertThat(wechat.violations()).as("malformed calls to WeChat").isEmpty();
		softly.assertAll();
	}

	/**
	 * Waits until a push to this instance alone is answered: the instance then serves the
	 * app and has loaded the DEFAULT rule (created through the first instance). A fresh
	 * probe every 3 s, for 30 s at most.
	 */
	private void awaitAnswering(MirroredPushes pushes, int instance, String runTag, FakeWeChat wechat)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Set<String> probes = new HashSet<>();
		for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
			String openId = String.format("oPROBE%s%d%02d", runTag, instance, attempt);
			probes.add(openId);
			pushes.pushOnce(instance, openId, runTag + String.format("9%d%06d", instance, attempt));
			for (int i = 0; i < 30; i++) {
				Thread.sleep(100);
				if (wechat.sent().stream().anyMatch((sent) -> probes.contains(sent.openId()))) {
					return;
				}
			}
		}
		throw new AssertionError("instance " + instance + " answered no probe push within 30 s; replies seen: "
				+ wechat.sent().stream().map(FakeWeChat.Sent::openId).toList());
	}

}
