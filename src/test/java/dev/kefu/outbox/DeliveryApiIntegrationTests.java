package dev.kefu.outbox;

import java.time.Instant;
import java.util.List;

import dev.kefu.FakeWeChat.Answer;
import dev.kefu.FakeWeChatContext;
import dev.kefu.rules.Reply;
import dev.kefu.rules.ReplyPlanned.Cause;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The deliveries REST API, metrics and health, through the real security setup. */
class DeliveryApiIntegrationTests extends FakeWeChatContext {

	@Autowired
	MockMvc mvc;

	@Autowired
	Deliveries deliveries;

	@Test
	void listsDeliveriesByStatusAndUserAndRetriesAFailedOne() throws Exception {
		String appId = registerApp();
		String user = newUser();
		wechat.answer(user, Answer.errcode(48001));
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("needs a retry"));
		plan(appId, newUser(), Cause.USER_MESSAGE, Instant.now(), new Reply.Text("someone else"));
		await().until(() -> this.deliveries.list(appId, DeliveryStatus.FAILED, user, 10).size() == 1);
		String id = this.deliveries.list(appId, DeliveryStatus.FAILED, user, 10).get(0).id();

		this.mvc
			.perform(get("/api/apps/{appId}/deliveries", appId).param("status", "FAILED")
				.param("openId", user)
				.with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].id").value(id))
			.andExpect(jsonPath("$[0].status").value("FAILED"))
			.andExpect(jsonPath("$[0].attempts").value(1))
			.andExpect(jsonPath("$[0].lastErrcode").value(48001))
			.andExpect(jsonPath("$[0].type").value("text"));
		this.mvc.perform(get("/api/apps/{appId}/deliveries", appId).param("openId", user).with(admin()))
			.andExpect(jsonPath("$", hasSize(1)));

		this.mvc.perform(post("/api/apps/{appId}/deliveries/{id}/retry", appId, id).with(admin()))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value(id));

		await().until(() -> this.deliveries.find(appId, id).orElseThrow().status() == DeliveryStatus.SENT);
		assertThat(wechat.sentTo(user)).hasSize(1);
		assertThat(this.deliveries.find(appId, id).orElseThrow().attempts()).isEqualTo(1);
	}

	@Test
	void retryingADeliveryThatDidNotFailIsAConflict() throws Exception {
		String appId = registerApp();
		String user = newUser();
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("fine"));
		await().until(() -> this.deliveries.list(appId, DeliveryStatus.SENT, user, 10).size() == 1);
		String id = this.deliveries.list(appId, DeliveryStatus.SENT, user, 10).get(0).id();

		this.mvc.perform(post("/api/apps/{appId}/deliveries/{id}/retry", appId, id).with(admin()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value(containsString("FAILED")));
	}

	@Test
	void unknownDeliveryIsNotFound() throws Exception {
		String appId = registerApp();

		this.mvc.perform(post("/api/apps/{appId}/deliveries/{id}/retry", appId, "no-such-id").with(admin()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/apps/{appId}/deliveries/{id}", appId, "no-such-id").with(admin()))
			.andExpect(status().isNotFound());
	}

	@Test
	void anUnknownStatusIsABadRequest() throws Exception {
		this.mvc.perform(get("/api/apps/{appId}/deliveries", registerApp()).param("status", "LOST").with(admin()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void deliveriesNeedAConsoleUser() throws Exception {
		this.mvc.perform(get("/api/apps/{appId}/deliveries", registerApp())).andExpect(status().isUnauthorized());
	}

	@Test
	void exposesOutboxAndTokenMetrics() throws Exception {
		String appId = registerApp();
		String user = newUser();
		plan(appId, user, Cause.USER_MESSAGE, Instant.now(), new Reply.Text("counted"));
		await().until(() -> wechat.sentTo(user).size() == 1);

		String metrics = this.mvc.perform(get("/actuator/prometheus").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(metrics).contains("kefu_outbox_backlog", "kefu_outbox_oldest_pending_age_seconds",
				"kefu_outbox_deliveries_total{status=\"SENT\"}", "kefu_outbox_push_to_send_seconds_bucket",
				"kefu_wechat_api_calls_total{api=\"send\",errcode=\"0\",kind=\"OK\"}",
				"kefu_wechat_token_refreshes_total{app=\"" + appId + "\",outcome=\"success\"}");
	}

	@Test
	void healthIsUpAndOpen() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return httpBasic("admin", "admin-password-for-tests");
	}

}
