package dev.beacon.systemtest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.beacon.testsupport.TestTokens;

/**
 * How the test starts each service process: the command, the environment (the services'
 * documented variables) and where it answers whether it is ready. Everything about the
 * services' configuration that the test relies on is in this class.
 *
 * @param kafkaBootstrapServers the broker
 * @param databaseHost the PostgreSQL server
 * @param databasePort its port
 * @param databaseUsername a user that may use the services' databases
 * @param databasePassword its password
 * @param ports the HTTP port of each service
 * @param managementPorts the management (actuator) port of each service
 */
record ServiceProcessConfig(String kafkaBootstrapServers, String databaseHost, int databasePort,
		String databaseUsername, String databasePassword, Map<BeaconService, Integer> ports,
		Map<BeaconService, Integer> managementPorts) {

	/**
	 * The audience the services are told to require: the one {@link TestTokens} signs.
	 */
	static final String JWT_AUDIENCE = TestTokens.AUDIENCE;

	/**
	 * How long a recovered incident is held before it resolves: short, so that every
	 * outage episode the test counts is an incident of its own.
	 */
	static final String DETECTION_HOLD = "2s";

	/**
	 * How long the gateway serves pages as published without a heartbeat from status-api:
	 * within the test's detection window, so that a broken pipeline shows as unknown.
	 */
	static final String PAGES_STALE_AFTER = "4s";

	/** Status-api's heartbeat, well within {@link #PAGES_STALE_AFTER}. */
	static final String PAGES_HEARTBEAT = "1s";

	/**
	 * How often status-api turns components whose data went stale unknown: short, so that
	 * a stopped collector shows as unknown within the test's detection window (with the
	 * default 5 s, it may take the freshness limit plus 5 s).
	 */
	static final String STATUS_SWEEP_INTERVAL = "500ms";

	/** Networks that probes and webhooks may reach although internal: loopback only. */
	static final String LOOPBACK = "127.0.0.0/8";

	/**
	 * Small heaps, and C1 only: five JVMs and a broker share two cores, where start-up
	 * time matters more than peak throughput.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

	/** The command that starts {@code service}. */
	List<String> command(BeaconService service) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar(service).toString());
		return command;
	}

	/**
	 * The environment of {@code service}, on top of the test's own (minus any BEACON_…).
	 */
	Map<String, String> environment(BeaconService service) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put(service.portVariable(), String.valueOf(this.ports.get(service)));
		env.put("MANAGEMENT_PORT", String.valueOf(this.managementPorts.get(service)));
		env.put("SPRING_MAIN_BANNER_MODE", "off");
		if (service != BeaconService.COLLECTOR) {
			env.put("BEACON_JWT_HMAC_SECRET", TestTokens.HMAC_SECRET);
			env.put("BEACON_JWT_AUDIENCE", JWT_AUDIENCE);
		}
		// every service, the gateway included: it serves the pages of beacon.pages.v1
		env.put("BEACON_KAFKA_BOOTSTRAP_SERVERS", this.kafkaBootstrapServers);
		if (service == BeaconService.STATUS_API) {
			// the monitored targets are probed every second (5 s at least in production)
			env.put("BEACON_MIN_CHECK_INTERVAL_SECONDS", "1");
		}
		if (service.database() != null) {
			env.put("BEACON_DB_HOST", this.databaseHost);
			env.put("BEACON_DB_PORT", String.valueOf(this.databasePort));
			env.put("BEACON_DB_NAME", service.database());
			env.put("BEACON_DB_USERNAME", this.databaseUsername);
			env.put("BEACON_DB_PASSWORD", this.databasePassword);
		}
		switch (service) {
			case COLLECTOR -> env.put("BEACON_COLLECTOR_ALLOWED_NETWORKS", LOOPBACK);
			case NOTIFIER -> env.put("BEACON_NOTIFIER_ALLOWED_NETWORKS", LOOPBACK);
			case STATUS_API -> {
				env.put("BEACON_PAGES_HEARTBEAT", PAGES_HEARTBEAT);
				env.put("BEACON_STATUS_SWEEP_INTERVAL", STATUS_SWEEP_INTERVAL);
			}
			case INCIDENT -> env.put("BEACON_DETECTION_HOLD", DETECTION_HOLD);
			case GATEWAY -> {
				env.put("BEACON_STATUS_API_URI", base(BeaconService.STATUS_API).toString());
				env.put("BEACON_INCIDENT_URI", base(BeaconService.INCIDENT).toString());
				env.put("BEACON_NOTIFIER_URI", base(BeaconService.NOTIFIER).toString());
				env.put("BEACON_PAGES_STALE_AFTER", PAGES_STALE_AFTER);
			}
			default -> {
			}
		}
		return env;
	}

	/**
	 * Where {@code service} says it is ready, in the order to try: the management port
	 * first, then the server port for a build that serves the actuator there.
	 */
	List<URI> readiness(BeaconService service) {
		return List.of(
				URI.create("http://127.0.0.1:" + this.managementPorts.get(service) + "/actuator/health/readiness"),
				URI.create(base(service) + "/actuator/health/readiness"));
	}

	/** The base URI of {@code service}'s HTTP API. */
	URI base(BeaconService service) {
		return URI.create("http://127.0.0.1:" + this.ports.get(service));
	}

	private static Path jar(BeaconService service) {
		String property = "beacon.fault.jar." + service.id();
		String location = System.getProperty(property);
		if (location == null || location.isBlank()) {
			throw new IllegalStateException("Set " + property + " to the service's -exec.jar (the pom does)");
		}
		Path jar = Path.of(location).normalize();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: package the services first (./mvnw verify does)");
		}
		return jar;
	}

}
