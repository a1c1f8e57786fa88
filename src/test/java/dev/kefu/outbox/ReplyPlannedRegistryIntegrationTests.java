package dev.kefu.outbox;

import java.time.Instant;
import java.util.List;

import dev.kefu.FakeWeChatContext;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the outbox has not consumed when an instance dies is read back from the event
 * publication registry on restart, so ReplyPlanned must survive the registry's serializer.
 */
class ReplyPlannedRegistryIntegrationTests extends FakeWeChatContext {

	@Autowired
	EventSerializer serializer;

	@Test
	void replyPlannedSurvivesTheEventRegistry() {
		ReplyPlanned planned = new ReplyPlanned("m-1", "wx0000000000000001", "o-user", ReplyPlanned.Cause.ENTERED_CHAT,
				Instant.parse("2025-01-01T00:00:00Z"), "rule-1",
				List.of(new Reply.Text("你好"), new Reply.Link("t", "d", "https://example.com", null),
						new Reply.Image("asset-1"), new Reply.MiniProgramPage("p", "pages/index/index", "asset-2")));

		Object stored = this.serializer.serialize(planned);

		assertThat(this.serializer.deserialize(stored, ReplyPlanned.class)).isEqualTo(planned);
	}

}
