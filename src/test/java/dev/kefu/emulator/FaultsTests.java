package dev.kefu.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsTests {

	private final Faults faults = new Faults(new EmulatorProperties(null, Duration.ofSeconds(5), 3, 0,
			org.springframework.util.unit.DataSize.ofMegabytes(64)));

	@Test
	void repeatsFailuresAndDelaysForTheSameSeed() {
		Faults.Settings settings = new Faults.Settings(42, Duration.ofMillis(100), 50, 30, -1);
		this.faults.configure(settings);
		List<Faults.Decision> first = decisions(50);
		this.faults.configure(settings);
		List<Faults.Decision> second = decisions(50);
		assertThat(outcomes(second)).isEqualTo(outcomes(first));
		assertThat(second).extracting(Faults.Decision::delay)
			.isEqualTo(first.stream().map(Faults.Decision::delay).toList());
		assertThat(outcomes(first)).contains(0, -1);
		assertThat(first).extracting(Faults.Decision::delay)
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofMillis(50), Duration.ofMillis(150)));
	}

	@Test
	void keepsTheRandomSequenceWhenAnInjectedCodeTakesACall() {
		Faults.Settings settings = new Faults.Settings(7, Duration.ZERO, 0, 50, -1);
		this.faults.configure(settings);
		List<Integer> plain = outcomes(decisions(20));
		this.faults.configure(settings);
		this.faults.inject(45047, 1, Faults.Api.SEND);
		List<Integer> injected = outcomes(decisions(20));
		assertThat(injected.get(0)).isEqualTo(45047);
		assertThat(injected.subList(1, 20)).isEqualTo(plain.subList(1, 20));
	}

	@Test
	void injectsOnlyIntoItsApiAndOnlyNTimes() {
		this.faults.inject(40001, 2, Faults.Api.SEND);
		assertThat(this.faults.decide(Faults.Api.TOKEN).refusal()).isNull();
		assertThat(this.faults.decide(Faults.Api.SEND).refusal().errcode()).isEqualTo(40001);
		assertThat(this.faults.decide(Faults.Api.SEND).refusal().errcode()).isEqualTo(40001);
		assertThat(this.faults.decide(Faults.Api.SEND).refusal()).isNull();
	}

	private List<Faults.Decision> decisions(int count) {
		List<Faults.Decision> decisions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			decisions.add(this.faults.decide(Faults.Api.SEND));
		}
		return decisions;
	}

	private static List<Integer> outcomes(List<Faults.Decision> decisions) {
		return decisions.stream()
			.map((decision) -> (decision.refusal() != null) ? decision.refusal().errcode() : 0)
			.toList();
	}

}
