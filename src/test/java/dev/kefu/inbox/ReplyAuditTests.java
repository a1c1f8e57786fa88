package dev.kefu.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.kefu.FakeWeChat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyAuditTests {

	private static final long KILL = 100_000_000_000L;

	private static final long SECOND = 1_000_000_000L;

	@Test
	void countsAcknowledgedPushesWithoutReplyAndWhetherTheyCameBeforeTheKill() {
		ReplyAudit audit = audit(Map.of("u1", KILL - SECOND, "u2", KILL - SECOND, "u3", KILL + SECOND),
				sent("u1", KILL - SECOND / 2));
		assertThat(audit.acknowledged()).isEqualTo(3);
		assertThat(audit.answered()).isEqualTo(1);
		assertThat(audit.unanswered()).containsExactly("u2", "u3");
		assertThat(audit.unansweredBeforeKill()).isEqualTo(1);
		assertThat(audit.complete()).isFalse();
	}

	@Test
	void excusesOnlyASecondSendAfterTheKillOfAFirstSentJustBeforeIt() {
		ReplyAudit audit = audit(Map.of(),
				// first send by the killed instance, second by the survivor's takeover:
				// in flight
				sent("inflight", KILL - SECOND / 10), sent("inflight", KILL + 10 * SECOND),
				// both before the kill, both after it, or three times: never allowed
				sent("before", KILL - 3 * SECOND), sent("before", KILL - 2 * SECOND), sent("after", KILL + 3 * SECOND),
				sent("after", KILL + 4 * SECOND), sent("thrice", KILL - SECOND), sent("thrice", KILL + SECOND),
				sent("thrice", KILL + 2 * SECOND), sent("probe", KILL - SECOND), sent("probe", KILL + SECOND));
		assertThat(audit.inFlightDuplicates()).containsOnlyKeys("inflight");
		assertThat(audit.otherDuplicates()).containsOnlyKeys("before", "after", "thrice");
	}

	@Test
	void measuresTakeoverFromTheKillAndLaterAcknowledgementsFromThemselves() {
		ReplyAudit audit = audit(Map.of("early", KILL - 5 * SECOND, "held", KILL - SECOND, "late", KILL + 2 * SECOND),
				sent("early", KILL - 4 * SECOND), sent("held", KILL + 9 * SECOND), sent("late", KILL + 5 * SECOND));
		assertThat(audit.answeredAfterKill()).isEqualTo(2);
		assertThat(audit.maxTakeover()).isEqualTo(Duration.ofSeconds(9));
		assertThat(audit.maxWaitAfterKill()).isEqualTo(Duration.ofSeconds(3));
		assertThat(audit.maxWait()).isEqualTo(Duration.ofSeconds(9));
	}

	private static ReplyAudit audit(Map<String, Long> acknowledged, FakeWeChat.Sent... sent) {
		return ReplyAudit.of(acknowledged, List.of(sent), (user) -> !user.startsWith("probe"), KILL);
	}

	private static FakeWeChat.Sent sent(String openId, long nanoTime) {
		return new FakeWeChat.Sent("wx0000000000000001", openId, "text", null, nanoTime);
	}

}
