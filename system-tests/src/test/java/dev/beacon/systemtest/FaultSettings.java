package dev.beacon.systemtest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long and how hard a run is, from system properties (the pom passes them on):
 * {@code beacon.fault.minutes} (faults go on at least this long; 2 in CI, more for a
 * soak), {@code beacon.fault.pg-stop-seconds} (PostgreSQL stays stopped this long) and
 * {@code beacon.fault.seed} (repeats a run's schedule).
 *
 * @param length how long faults are injected
 * @param postgresStop how long PostgreSQL stays stopped each time
 * @param seed the seed of the schedule
 */
record FaultSettings(Duration length, Duration postgresStop, long seed) {

	static FaultSettings fromSystemProperties() {
		double minutes = Double.parseDouble(property("beacon.fault.minutes", "2"));
		long pgStop = Long.parseLong(property("beacon.fault.pg-stop-seconds", "30"));
		String seed = property("beacon.fault.seed", "");
		return new FaultSettings(Duration.ofMillis((long) (minutes * 60_000)), Duration.ofSeconds(pgStop),
				seed.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed));
	}

	private static String property(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank() || value.startsWith("${")) ? fallback : value.trim();
	}

}
