package dev.kefu.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The options of {@code bench/push-to-send} (its header comment says what each does):
 * {@code --name=value}, where a name with dots is a property for kefu.
 */
record BenchOptions(double rate, int connections, int warmup, int seconds, int drain, String database, boolean profile,
		List<String> jvmOptions, Map<String, String> kefuProperties) {

	static BenchOptions parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		Map<String, String> kefu = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("options are --name=value; not " + arg);
			}
			String[] pair = arg.substring(2).split("=", 2);
			String value = (pair.length > 1) ? pair[1] : "true";
			(pair[0].contains(".") ? kefu : given).put(pair[0], value);
		}
		List<String> known = List.of("rate", "connections", "warmup", "seconds", "drain", "database", "profile", "jvm");
		given.keySet().stream().filter((name) -> !known.contains(name)).findFirst().ifPresent((name) -> {
			throw new IllegalArgumentException("unknown option --" + name + "; known: " + known
					+ " and any kefu property (--name.with.dots=value)");
		});
		double rate = Double.parseDouble(given.getOrDefault("rate", "0"));
		List<String> jvm = List.of(given.getOrDefault("jvm", "-Xms1g -Xmx1g").trim().split("\\s+"));
		boolean profile = Boolean.parseBoolean(given.getOrDefault("profile", "false"));
		if (profile) {
			jvm = Stream.concat(jvm.stream(), Stream.of("-XX:StartFlightRecording=name=bench,settings=profile"))
				.toList();
		}
		return new BenchOptions(rate, Integer.parseInt(given.getOrDefault("connections", (rate > 0) ? "256" : "32")),
				Integer.parseInt(given.getOrDefault("warmup", "90")),
				Integer.parseInt(given.getOrDefault("seconds", "30")),
				Integer.parseInt(given.getOrDefault("drain", "10")), given.getOrDefault("database", "h2"), profile, jvm,
				kefu);
	}

	/** Room for every push of the run: the offered ones, or 15,000/s in a closed loop. */
	int capacity() {
		double perSecond = (this.rate > 0) ? this.rate : 15_000;
		return (int) Math.ceil(perSecond * (this.warmup + this.seconds)) + this.connections + 16;
	}

	String describe() {
		String load = (this.rate > 0)
				? String.format("open loop at %.0f pushes/s over %d connections", this.rate, this.connections)
				: "closed loop over " + this.connections + " connections";
		return load + (this.profile ? ", JFR on" : "");
	}

}
