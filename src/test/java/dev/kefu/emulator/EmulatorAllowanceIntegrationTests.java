package dev.kefu.emulator;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send window, the allowances and typing (wechat-protocol.md §7–§8) over real HTTP.
 * The users' pushes go nowhere (the callback refuses connections), which does not matter:
 * the user acted, so the window is open.
 */
class EmulatorAllowanceIntegrationTests extends EmulatorIntegrationTestSupport {

	@Test
	void allowsFiveSendsWithin48HoursOfAUserMessage() {
		String appId = registerApp();
		push(appId, "alice", "text", "hi");
		String token = accessToken(appId);
		assertThat(sends(token, openId(appId, "alice"), 6)).containsExactly(0, 0, 0, 0, 0, 45047);
	}

	@Test
	void closesTheWindow48HoursAfterTheUserMessage() {
		String appId = registerApp();
		push(appId, "bob", "text", "hi");
		skip("PT47H59M");
		assertThat(sends(accessToken(appId), openId(appId, "bob"), 1)).containsExactly(0);
		skip("PT1M");
		assertThat(sends(accessToken(appId), openId(appId, "bob"), 1)).containsExactly(45015);
	}

	@Test
	void allowsTwoSendsWithinAMinuteOfEnteringTheChat() {
		String appId = registerApp();
		push(appId, "carol", "enter", "banner");
		String token = accessToken(appId);
		assertThat(sends(token, openId(appId, "carol"), 3)).containsExactly(0, 0, 45047);
		push(appId, "dave", "enter", null);
		skip("PT1M");
		assertThat(sends(accessToken(appId), openId(appId, "dave"), 1)).containsExactly(45015);
	}

	@Test
	void resetsTheAllowanceOnEachUserAction() {
		String appId = registerApp();
		push(appId, "erin", "text", "hi");
		String token = accessToken(appId);
		sends(token, openId(appId, "erin"), 5);
		push(appId, "erin", "text", "again");
		assertThat(sends(token, openId(appId, "erin"), 6)).containsExactly(0, 0, 0, 0, 0, 45047);
	}

	@Test
	void refusesAnotherAppsUserWith40003() {
		String appId = registerApp();
		String other = registerApp();
		push(other, "frank", "text", "hi");
		assertThat(sends(accessToken(appId), openId(other, "frank"), 1)).containsExactly(40003);
	}

	@Test
	void showsAcceptedRepliesAndRefusalsInTheChat() {
		String appId = registerApp();
		push(appId, "grace", "enter", null);
		String token = accessToken(appId);
		String user = openId(appId, "grace");
		send(token,
				"{\"touser\":\"" + user + "\",\"msgtype\":\"link\",\"link\":{\"title\":\"下载\",\"description\":\"d\","
						+ "\"url\":\"https://example.com/app\",\"thumb_url\":\"https://example.com/t.png\"}}");
		send(token, "{\"touser\":\"" + user
				+ "\",\"msgtype\":\"text\",\"text\":{\"content\":\"see <a href=\\\"https://example.com\\\">this</a>\"}}");
		send(token, "{\"touser\":\"" + user + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"third\"}}");
		List<String> kinds = new ArrayList<>();
		JsonNode chat = chat(appId, "grace");
		chat.forEach((entry) -> kinds.add(entry.get("kind").stringValue()));
		assertThat(kinds).containsSubsequence("user-entered", "reply-link", "reply-text", "refused");
		JsonNode text = chat.get(kinds.indexOf("reply-text")).get("entry").get("runs");
		assertThat(text.get(1).get("href").stringValue()).isEqualTo("https://example.com");
		assertThat(chat.get(kinds.indexOf("refused")).get("entry").get("errcode").intValue()).isEqualTo(45047);
	}

	@Test
	void refusesAnImageWithAnotherAppsMediaIdWith40007() {
		String appId = registerApp();
		String other = registerApp();
		String mediaId = upload(accessToken(other), "image", "media", png()).get("media_id").stringValue();
		push(appId, "heidi", "text", "hi");
		assertThat(
				errcode(send(accessToken(appId),
						"{\"touser\":\"" + openId(appId, "heidi")
								+ "\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"" + mediaId + "\"}}")))
			.isEqualTo(40007);
	}

	@Test
	void typesOnlyAfterARecentInteractionAndNotTwice() {
		String appId = registerApp();
		String token = accessToken(appId);
		String user = openId(appId, "ivan");
		push(appId, "ivan", "text", "hi");
		assertThat(errcode(typing(token, user, "Typing"))).isZero();
		assertThat(errcode(typing(token, user, "Typing"))).as("already typing").isEqualTo(45081);
		assertThat(errcode(typing(token, user, "CancelTyping"))).isZero();
		assertThat(errcode(typing(token, user, "Typing"))).as("typing again after cancelling").isZero();
		assertThat(errcode(typing(token, user, "typing"))).as("a bad command").isEqualTo(45072);
		skip("PT31S");
		assertThat(errcode(typing(token, user, "CancelTyping"))).isZero();
		assertThat(errcode(typing(token, user, "Typing"))).as("no interaction for 30 s").isEqualTo(45080);
		sends(token, user, 1);
		assertThat(errcode(typing(token, user, "Typing"))).as("a send is an interaction").isZero();
	}

	@Test
	void aSendEndsTheTypingStateAndNoTypingOutsideTheWindow() {
		String appId = registerApp();
		String token = accessToken(appId);
		String user = openId(appId, "kate");
		push(appId, "kate", "text", "hi");
		assertThat(errcode(typing(token, user, "Typing"))).isZero();
		sends(token, user, 1);
		assertThat(errcode(typing(token, user, "Typing"))).as("typing again after a send, within 15 s").isZero();
		assertThat(errcode(typing(token, user, "Typing"))).as("already typing").isEqualTo(45081);
		skip("PT49H");
		assertThat(errcode(typing(accessToken(appId), user, "Typing"))).as("the 48 h window closed").isEqualTo(45015);
	}

	@Test
	void typesOnlyWhileASendWouldBeAllowed() {
		String appId = registerApp();
		String token = accessToken(appId);
		push(appId, "judy", "enter", null);
		sends(token, openId(appId, "judy"), 2);
		assertThat(errcode(typing(token, openId(appId, "judy"), "Typing"))).isEqualTo(45047);
		assertThat(errcode(typing(token, openId(appId, "nobody"), "Typing"))).isEqualTo(40003);
	}

	private List<Integer> sends(String token, String openId, int count) {
		List<Integer> errcodes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			errcodes.add(errcode(send(token, "{\"touser\":\"" + openId
					+ "\",\"msgtype\":\"text\",\"text\":{\"content\":\"reply " + i + "\"}}")));
		}
		return errcodes;
	}

}
