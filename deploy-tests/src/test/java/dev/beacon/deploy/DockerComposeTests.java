package dev.beacon.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} against the services' own configuration: a service that
 * gains a required variable, a port or a database breaks this test until compose follows.
 */
class DockerComposeTests {

	private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "postgres", "prometheus", "mailpit");

	/**
	 * Variables compose sets although no {@code <service>.yml} of this revision reads
	 * them yet: they belong to the shared decisions (the management port, the token
	 * audience) that another change brings into the configuration files.
	 */
	private static final Set<String> SET_AHEAD_OF_CONFIGURATION = Set.of("MANAGEMENT_PORT", "BEACON_JWT_AUDIENCE");

	private final Map<String, Object> compose = Repository
		.yaml(Repository.read(Repository.root().resolve("docker-compose.yml")));

	@Test
	void runsTheFiveServicesAndTheirInfrastructure() {
		Set<String> expected = new TreeSet<>(INFRASTRUCTURE);
		BeaconService.ALL.forEach((service) -> expected.add(service.name()));
		assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void pinsEveryImageAndRunsTheImagesTheBuildProduces() {
		services().forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
		});
		for (BeaconService service : BeaconService.ALL) {
			assertThat(service(service.name()).get("image")).as(service.name()).isEqualTo(service.image());
		}
	}

	@Test
	void setsEveryVariableAServiceRequires() {
		for (BeaconService service : BeaconService.ALL) {
			assertThat(environment(service.name()).keySet()).as("variables compose sets for %s", service.name())
				.containsAll(service.configuration().requiredEnvironmentVariables());
		}
	}

	@Test
	void setsOnlyVariablesTheServiceReads() {
		for (BeaconService service : BeaconService.ALL) {
			Set<String> read = service.configuration().environmentVariables();
			for (String variable : environment(service.name()).keySet()) {
				boolean springProperty = variable.startsWith("SPRING_") || variable.startsWith("LOGGING_")
						|| variable.startsWith("MANAGEMENT_");
				if (!springProperty || variable.equals("MANAGEMENT_PORT")) {
					assertThat(read.contains(variable) || SET_AHEAD_OF_CONFIGURATION.contains(variable))
						.as("%s sets %s, which %s does not read", service.name(), variable, service.configFile())
						.isTrue();
				}
			}
		}
	}

	@Test
	void givesEveryServiceItsDatabaseSecretsAndOneWayToVerifyTokens() {
		for (BeaconService service : BeaconService.ALL) {
			Map<String, String> environment = environment(service.name());
			if (service.hasDatabase()) {
				assertThat(environment).as(service.name())
					.containsEntry("BEACON_DB_HOST", "postgres")
					.containsEntry("BEACON_DB_NAME", service.database())
					.containsKeys("BEACON_DB_USERNAME", "BEACON_DB_PASSWORD");
				assertThat(environment.get("BEACON_DB_PASSWORD")).as("the password comes from the caller's environment")
					.startsWith("${BEACON_DB_PASSWORD:?");
			}
			if (service.name().equals("collector") || service.hasDatabase()) {
				assertThat(environment).as(service.name())
					.containsEntry("BEACON_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
			}
			if (service.verifiesTokens()) {
				Set<String> keys = new HashSet<>(environment.keySet());
				keys.retainAll(Set.of("BEACON_JWT_HMAC_SECRET", "BEACON_JWT_JWK_SET_URI"));
				assertThat(keys).as("%s verifies tokens one way", service.name()).hasSize(1);
				assertThat(environment.get("BEACON_JWT_HMAC_SECRET")).startsWith("${BEACON_JWT_HMAC_SECRET:?");
			}
		}
	}

	@Test
	void servesEachServiceOnItsPortsAndPublishesOnlyTheGateway() {
		for (BeaconService service : BeaconService.ALL) {
			Map<String, String> environment = environment(service.name());
			assertThat(environment).as(service.name())
				.containsEntry(service.portVariable(), String.valueOf(service.port()))
				.containsEntry("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
			assertThat(strings(service(service.name()).get("expose"))).as(service.name())
				.contains(String.valueOf(service.managementPort()));
			List<String> published = strings(service(service.name()).get("ports"));
			if (service.name().equals("gateway")) {
				assertThat(published).containsExactly("127.0.0.1:8080:8080");
			}
			else {
				assertThat(published).as("%s is reached through the gateway only", service.name()).isEmpty();
			}
		}
		services().forEach((name, service) -> strings(service.get("ports"))
			.forEach((port) -> assertThat(port).as(name).startsWith("127.0.0.1:")));
	}

	@Test
	void checksEveryServiceHealthAndBeaconsReadinessOnTheManagementPort() {
		services().forEach((name, service) -> {
			Map<String, Object> healthcheck = map(service.get("healthcheck"));
			assertThat(healthcheck).as(name).isNotNull().containsKeys("test", "interval", "timeout", "retries");
		});
		for (BeaconService service : BeaconService.ALL) {
			Map<?, ?> healthcheck = (Map<?, ?>) service(service.name()).get("healthcheck");
			String test = String.join(" ", strings(healthcheck.get("test")));
			assertThat(test).as(service.name())
				.contains("/dev/tcp/127.0.0.1/" + service.managementPort())
				.contains("GET /actuator/health/readiness ")
				.contains("grep -q ' 200 '");
			assertThat(healthcheck.get("start_period")).as(service.name()).isNotNull();
		}
	}

	@Test
	void startsEachServiceOnlyOnceWhatItNeedsIsHealthy() {
		Map<String, Set<String>> needs = Map.of("status-api", Set.of("kafka", "postgres"), "incident",
				Set.of("kafka", "postgres"), "notifier", Set.of("kafka", "postgres", "mailpit"), "collector",
				Set.of("kafka"), "gateway", Set.of("kafka", "status-api", "incident", "notifier"));
		needs.forEach((name, dependencies) -> {
			Map<String, Object> dependsOn = map(service(name).get("depends_on"));
			assertThat(dependsOn.keySet()).as(name).containsExactlyInAnyOrderElementsOf(dependencies);
			dependsOn.forEach((dependency, condition) -> {
				assertThat(((Map<?, ?>) condition).get("condition")).as("%s waits for %s", name, dependency)
					.isEqualTo("service_healthy");
				assertThat(service(dependency)).containsKey("healthcheck");
			});
		});
	}

	@Test
	void restartsEveryServiceThatStops() {
		services().forEach((name, service) -> assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped"));
	}

	@Test
	void keepsStateInNamedVolumesAndMountsFilesThatExist() {
		Map<String, Object> declared = map(this.compose.get("volumes"));
		Set<String> used = new TreeSet<>();
		services().forEach((name, service) -> {
			for (String volume : strings(service.get("volumes"))) {
				String source = volume.substring(0, volume.indexOf(':'));
				if (source.startsWith("./")) {
					assertThat(Repository.root().resolve(source)).as("%s mounts %s", name, source).isRegularFile();
				}
				else {
					assertThat(declared).as("%s uses the named volume %s", name, source).containsKey(source);
					used.add(source);
				}
			}
		});
		assertThat(used).containsExactlyInAnyOrderElementsOf(declared.keySet().stream().map(String::valueOf).toList());
		for (String stateful : List.of("kafka", "postgres", "prometheus", "mailpit")) {
			assertThat(strings(service(stateful).get("volumes"))).as(stateful)
				.anyMatch((volume) -> !volume.startsWith("./"));
		}
	}

	@Test
	void createsTheDatabaseOfEveryService() {
		String script = Repository.read(Repository.root().resolve("ops/compose/create-databases.sql"));
		for (BeaconService service : BeaconService.ALL) {
			if (service.hasDatabase()) {
				assertThat(script).contains("CREATE DATABASE " + service.database() + ";");
			}
		}
		assertThat(strings(service("postgres").get("volumes")))
			.contains("./ops/compose/create-databases.sql:/docker-entrypoint-initdb.d/10-create-databases.sql:ro");
	}

	@Test
	void prometheusScrapesEveryManagementPort() {
		Path file = Repository.root().resolve("ops/prometheus/prometheus.yml");
		assertThat(Files.isRegularFile(file)).isTrue();
		Map<String, Object> prometheus = Repository.yaml(Repository.read(file));
		List<String> targets = new ArrayList<>();
		for (Object job : (List<?>) prometheus.get("scrape_configs")) {
			Map<?, ?> scrape = (Map<?, ?>) job;
			assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Object config : (List<?>) scrape.get("static_configs")) {
				targets.addAll(strings(((Map<?, ?>) config).get("targets")));
			}
		}
		assertThat(targets).containsExactlyInAnyOrderElementsOf(
				BeaconService.ALL.stream().map((service) -> service.name() + ":" + service.managementPort()).toList());
	}

	@Test
	void readsAPlaceholderWithoutADefaultAsARequiredVariable() {
		ServiceConfiguration configuration = ServiceConfiguration
			.parse("a:\n  b: ${BEACON_NEEDED}\n  c: ${BEACON_OPTIONAL:x}\n  d: ${beacon.property}\n"
					+ "  e: jdbc://${BEACON_HOST:localhost}:${BEACON_PORT}\n");
		assertThat(configuration.requiredEnvironmentVariables()).containsExactly("BEACON_NEEDED", "BEACON_PORT");
		assertThat(configuration.environmentVariables()).containsExactly("BEACON_HOST", "BEACON_NEEDED",
				"BEACON_OPTIONAL", "BEACON_PORT");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) this.compose.get("services");
	}

	private Map<String, Object> service(String name) {
		Map<String, Object> service = services().get(name);
		assertThat(service).as("compose service %s", name).isNotNull();
		return service;
	}

	private Map<String, String> environment(String name) {
		Map<?, ?> environment = (Map<?, ?>) service(name).get("environment");
		Map<String, String> strings = new java.util.TreeMap<>();
		environment.forEach((key, value) -> strings.put(String.valueOf(key), String.valueOf(value)));
		return strings;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object map) {
		return (Map<String, Object>) map;
	}

	private static List<String> strings(Object list) {
		if (list == null) {
			return List.of();
		}
		return ((List<?>) list).stream().map(String::valueOf).toList();
	}

}
