package dev.kefu.emulator;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated token endpoints over real HTTP: credentials checks and WeChat's token
 * lifetime rules (wechat-protocol.md §9).
 */
class EmulatorTokenIntegrationTests extends EmulatorIntegrationTestSupport {

	@Test
	void issuesATokenValidFor7200Seconds() {
		String appId = registerApp();
		JsonNode answer = token(appId);
		assertThat(answer.get("access_token").stringValue()).hasSizeGreaterThan(100);
		assertThat(answer.get("expires_in").longValue()).isEqualTo(7200);
		assertThat(answer.has("errcode")).isFalse();
	}

	@Test
	void refusesAnUnknownAppIdWith40013() {
		assertThat(errcode(
				get("/emulator/api/cgi-bin/token?grant_type=client_credential&appid=wx0000000000000000&secret=x")))
			.isEqualTo(40013);
	}

	@Test
	void refusesAWrongSecretWith40001() {
		String appId = registerApp();
		assertThat(errcode(
				get("/emulator/api/cgi-bin/token?grant_type=client_credential&appid=" + appId + "&secret=wrong")))
			.isEqualTo(40001);
	}

	@Test
	void refusesAnotherGrantTypeWith40002() {
		String appId = registerApp();
		assertThat(errcode(
				get("/emulator/api/cgi-bin/token?grant_type=password&appid=" + appId + "&secret=" + secretOf(appId))))
			.isEqualTo(40002);
	}

	@Test
	void answersErrorsAsJsonWithARequestId() {
		JsonNode answer = get("/emulator/api/cgi-bin/token?grant_type=client_credential&appid=nobody&secret=x");
		assertThat(answer.get("errmsg").stringValue()).startsWith("invalid appid rid: ");
	}

	@Test
	void refusesAMissingTokenWith41001AndAnUnknownOneWith40001() {
		assertThat(errcode(get("/emulator/api/cgi-bin/media/get?media_id=x"))).isEqualTo(41001);
		assertThat(tokenCheck("not-a-token")).isEqualTo(40001);
	}

	@Test
	void keepsThePreviousTokenValidForFiveMinutesAfterANewFetch() {
		String appId = registerApp();
		String first = accessToken(appId);
		String second = accessToken(appId);
		assertThat(second).isNotEqualTo(first);
		assertThat(tokenCheck(first)).isEqualTo(40007);
		// margins of seconds: the real clock moves on while the test runs
		skip("PT4M50S");
		assertThat(tokenCheck(first)).isEqualTo(40007);
		skip("PT10S");
		assertThat(tokenCheck(first)).isEqualTo(40001);
		assertThat(tokenCheck(second)).isEqualTo(40007);
	}

	@Test
	void expiresATokenAfter7200SecondsWith42001() {
		String appId = registerApp();
		String token = accessToken(appId);
		skip("PT1H59M50S");
		assertThat(tokenCheck(token)).isEqualTo(40007);
		skip("PT10S");
		assertThat(tokenCheck(token)).isEqualTo(42001);
	}

	@Test
	void expiresEveryTokenOnRequest() {
		String appId = registerApp();
		String token = accessToken(appId);
		String stable = stableToken(appId, false).get("access_token").stringValue();
		postJson("/emulator/faults/expire-tokens", Map.of());
		assertThat(tokenCheck(token)).isEqualTo(42001);
		assertThat(tokenCheck(stable)).isEqualTo(42001);
		assertThat(stableToken(appId, false).get("access_token").stringValue()).isNotEqualTo(stable);
	}

	@Test
	void returnsTheSameStableTokenInNormalMode() {
		String appId = registerApp();
		JsonNode first = stableToken(appId, false);
		skip("PT10M");
		JsonNode second = stableToken(appId, false);
		assertThat(second.get("access_token").stringValue()).isEqualTo(first.get("access_token").stringValue());
		// whole seconds left, rounded down; the real clock moves on while the test runs
		assertThat(second.get("expires_in").longValue()).isBetween(7200L - 600 - 60, 7200L - 600);
	}

	@Test
	void rotatesTheStableTokenFiveMinutesBeforeExpiryAndKeepsTheOldOneUntilThen() {
		String appId = registerApp();
		String first = stableToken(appId, false).get("access_token").stringValue();
		skip("PT1H55M");
		JsonNode second = stableToken(appId, false);
		assertThat(second.get("access_token").stringValue()).isNotEqualTo(first);
		assertThat(second.get("expires_in").longValue()).isEqualTo(7200);
		assertThat(tokenCheck(first)).isEqualTo(40007);
		skip("PT5M");
		assertThat(tokenCheck(first)).isEqualTo(42001);
	}

	@Test
	void forceRefreshInvalidatesThePreviousStableTokenAtOnce() {
		String appId = registerApp();
		String first = stableToken(appId, false).get("access_token").stringValue();
		String forced = stableToken(appId, true).get("access_token").stringValue();
		assertThat(forced).isNotEqualTo(first);
		assertThat(tokenCheck(first)).isEqualTo(40001);
		assertThat(tokenCheck(forced)).isEqualTo(40007);
		assertThat(errcode(stableToken(appId, true))).as("a second force within 30 s").isEqualTo(45011);
	}

	@Test
	void keepsStableAndClassicTokensIsolated() {
		String appId = registerApp();
		String stable = stableToken(appId, false).get("access_token").stringValue();
		accessToken(appId);
		skip("PT6M");
		accessToken(appId);
		assertThat(tokenCheck(stable)).isEqualTo(40007);
		assertThat(stableToken(appId, false).get("access_token").stringValue()).isEqualTo(stable);
	}

	@Test
	void refusesAStableTokenRequestThatIsNotJson() {
		assertThat(errcode(postJson("/emulator/api/cgi-bin/stable_token", "grant_type=client_credential")))
			.isEqualTo(47001);
	}

	@Test
	void refusesTheTokenOfAnAppRemovedFromTheEmulator() {
		String appId = registerApp();
		String token = accessToken(appId);
		this.http.delete().uri("/emulator/apps/" + appId).retrieve().toBodilessEntity();
		assertThat(tokenCheck(token)).isEqualTo(40001);
	}

}
