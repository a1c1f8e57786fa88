package dev.kefu.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault controls over real HTTP: seeded failures repeat exactly, injected codes hit
 * the next N calls of their API only, a delayed answer still arrives whole.
 */
class EmulatorFaultsIntegrationTests extends EmulatorIntegrationTestSupport {

	@Test
	void repeatsTheSameFailuresForTheSameSeed() {
		String appId = registerApp();
		List<Integer> first = outcomes(appId, 42);
		List<Integer> second = outcomes(appId, 42);
		assertThat(second).isEqualTo(first);
		assertThat(first).contains(0, -1);
		assertThat(outcomes(appId, 7)).isNotEqualTo(first);
	}

	@Test
	void answersInjectedCodesForTheNextCallsOfTheirApiOnly() {
		String token = accessToken(registerApp());
		postJson("/emulator/faults/errors", Map.of("errcode", 45047, "count", 2, "api", "SEND"));
		String body = "{\"touser\":\"oX\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}";
		assertThat(tokenCheck(token)).as("another API").isEqualTo(40007);
		assertThat(errcode(send(token, body))).isEqualTo(45047);
		assertThat(errcode(send(token, body))).isEqualTo(45047);
		assertThat(errcode(send(token, body))).as("the real answer again").isEqualTo(40003);
	}

	@Test
	void answersAnyInjectedCodeEvenOneItDoesNotKnow() {
		String token = accessToken(registerApp());
		postJson("/emulator/faults/errors", Map.of("errcode", 40164, "count", 1));
		JsonNode answer = get("/emulator/api/cgi-bin/media/get?access_token=" + token + "&media_id=x");
		assertThat(errcode(answer)).isEqualTo(40164);
	}

	@Test
	void stillAnswersWholeWhenDelayed() {
		String appId = registerApp();
		this.http.put()
			.uri("/emulator/faults")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Map.of("delayMillis", 200, "delayVariancePercent", 50))
			.retrieve()
			.toBodilessEntity();
		assertThat(token(appId).get("expires_in").longValue()).isEqualTo(7200);
		assertThat(get("/emulator/faults").get("delayMillis").longValue()).isEqualTo(200);
	}

	@Test
	void skipsTheEmulatorsTimeForward() {
		long before = get("/emulator/faults").get("skippedSeconds").asLong();
		JsonNode after = postJson("/emulator/faults/time-skip", Map.of("duration", "PT49H"));
		assertThat(after.get("skippedSeconds").asLong() - before).isEqualTo(49 * 3600);
	}

	private List<Integer> outcomes(String appId, long seed) {
		this.http.put()
			.uri("/emulator/faults")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Map.of("seed", seed, "failurePercent", 50))
			.retrieve()
			.toBodilessEntity();
		List<Integer> outcomes = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			outcomes.add(errcode(token(appId)));
		}
		return outcomes;
	}

}
