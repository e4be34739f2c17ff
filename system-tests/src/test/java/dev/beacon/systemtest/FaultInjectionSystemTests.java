package dev.beacon.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.beacon.testsupport.TestTokens;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's promise, tried the way a platform runs Beacon: the five services as separate
 * processes against one Kafka broker and one PostgreSQL server, loopback targets that go
 * down and recover, webhook subscribers — while each service is killed with
 * {@code kill -9} and restarted, the broker is killed and restarted, and PostgreSQL is
 * stopped for 30 s. Afterwards nothing may be lost: every observation stored once, one
 * incident per outage episode (opened once, resolved), every incident event delivered to
 * every subscriber, and a public page that never showed a status older than the detection
 * window. The figures are printed and written to
 * {@code target/fault-injection/report.txt}; the method is in docs/reliability.md.
 */
class FaultInjectionSystemTests {

	static final int APPLICATIONS = 3;

	/** Time for the system to settle once the faults stop, before the verdict. */
	static final Duration SETTLE = Duration.ofSeconds(90);

	@RegisterExtension
	static final FaultRig rig = new FaultRig(APPLICATIONS);

	static final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void losesNothingWhileServicesBrokerAndDatabaseFail() throws Exception {
		FaultSettings settings = FaultSettings.fromSystemProperties();
		System.out.printf("%s  Fault-injection run, seed %d (repeat with -Dbeacon.fault.seed=%d)%n", rig.elapsed(),
				settings.seed(), settings.seed());
		List<MonitoredApplication> applications = IntStream.range(0, APPLICATIONS)
			.mapToObj(MonitoredApplication::number)
			.toList();
		for (MonitoredApplication application : applications) {
			register(application);
		}
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(allOperational(applications)).as("every page operational").isTrue());
		System.out.printf("%s  every page operational; faults begin%n", rig.elapsed());

		Instant start = Instant.now();
		FaultLog log;
		List<PageWatcher.Sample> samples;
		try (PageWatcher pages = new PageWatcher(rig.config().base(BeaconService.GATEWAY),
				applications.stream().map(MonitoredApplication::slug).toList())) {
			pages.start();
			log = new FaultScenario(rig, settings, () -> allFresh(applications)).run();
			System.out.printf("%s  faults over; settling%n", rig.elapsed());
			settle(applications);
			samples = pages.samples();
		}
		Instant end = Instant.now();

		// the collector stops first (gracefully, as in a deployment), so the observations
		// topic is final before it is compared with what status-api stored
		rig.stopSupervising();
		rig.service(BeaconService.COLLECTOR).stop(Duration.ofSeconds(30));
		Set<UUID> published = TopicReader.readAll(rig.kafka().bootstrapServers(), FaultEvidence.OBSERVATIONS)
			.stream()
			.map((m) -> UUID.fromString(m.value().path("eventId").asString()))
			.collect(Collectors.toSet());
		awaitQuietly(Duration.ofSeconds(60), () -> FaultEvidence.storedChecks(rig.postgres()).containsAll(published));

		FaultEvidence evidence = FaultEvidence.collect(rig);
		FaultFigures figures = new FaultFigures(start);
		figures.header(settings, start, end);
		figures.faults(log, rig.services(), samples);
		figures.observations(evidence);
		figures.incidents(evidence, applications);
		figures.notifications(evidence, applications, rig.receiver().deliveries());
		figures.page(samples, applications, rig.targets(), log, evidence);
		figures.leftovers(evidence);
		figures.logs(rig.services());
		System.out.println(figures.report());
		Files.writeString(rig.workDirectory().resolve("report.txt"), figures.report(), StandardCharsets.UTF_8);
		Forensics.write(rig.workDirectory(), start, samples, rig.receiver().deliveries(), evidence, rig.targets());
		figures.assertAll();
	}

	/**
	 * Waits until every page is operational, no incident is open and every incident event
	 * reached every subscriber — or until {@link #SETTLE} has passed: the verdict then
	 * says what never settled.
	 */
	private void settle(List<MonitoredApplication> applications) {
		awaitQuietly(SETTLE, () -> allOperational(applications) && noOpenIncident() && allDelivered(applications));
	}

	private boolean allOperational(List<MonitoredApplication> applications) {
		for (MonitoredApplication application : applications) {
			HttpResponse<String> page = get(
					rig.config().base(BeaconService.GATEWAY).resolve("/public/status/" + application.slug()));
			if (page.statusCode() != 200) {
				return false;
			}
			for (JsonNode component : json.readTree(page.body()).path("components")) {
				if (!"operational".equals(component.path("status").asString(null))) {
					return false;
				}
			}
		}
		return true;
	}

	/** Every page answers and shows no component as unknown: observations flow. */
	private boolean allFresh(List<MonitoredApplication> applications) {
		for (MonitoredApplication application : applications) {
			HttpResponse<String> page = get(
					rig.config().base(BeaconService.GATEWAY).resolve("/public/status/" + application.slug()));
			if (page.statusCode() != 200) {
				return false;
			}
			for (JsonNode component : json.readTree(page.body()).path("components")) {
				if ("unknown".equals(component.path("status").asString(null))) {
					return false;
				}
			}
		}
		return true;
	}

	private boolean noOpenIncident() throws Exception {
		try (var db = rig.postgres().connect("incident");
				var statement = db.createStatement();
				var rs = statement.executeQuery("SELECT count(*) FROM incidents WHERE resolved_at IS NULL")) {
			rs.next();
			return rs.getLong(1) == 0;
		}
	}

	private boolean allDelivered(List<MonitoredApplication> applications) {
		Set<String> received = rig.receiver()
			.deliveries()
			.stream()
			.map((d) -> d.subscriber() + "/" + d.eventId())
			.collect(Collectors.toSet());
		for (TopicReader.Message event : TopicReader.readAll(rig.kafka().bootstrapServers(), FaultEvidence.INCIDENTS)) {
			String applicationId = event.value().path("incident").path("applicationId").asString(null);
			for (MonitoredApplication application : applications) {
				if (application.id().toString().equals(applicationId) && !application.subscribers()
					.stream()
					.allMatch((subscriber) -> received
						.contains(subscriber + "/" + event.value().path("eventId").asString(null)))) {
					return false;
				}
			}
		}
		return true;
	}

	private void register(MonitoredApplication application) {
		URI gateway = rig.config().base(BeaconService.GATEWAY);
		post(gateway.resolve("/api/applications"), application.registration(rig.loopbackBase()));
		for (String subscriber : application.subscribers()) {
			post(gateway.resolve("/api/applications/" + application.id() + "/subscribers"),
					"{\"type\":\"webhook\",\"url\":\"" + rig.loopbackBase() + "/hooks/" + subscriber + "\"}");
		}
	}

	private void post(URI uri, String json) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + TestTokens.admin())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as("POST %s answered %s", uri, response.body()).isEqualTo(201);
	}

	private HttpResponse<String> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.uri() + " did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitQuietly(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(condition);
		}
		catch (ConditionTimeoutException ex) {
			System.out.printf("%s  did not settle within %s; the verdict says what is left%n", rig.elapsed(), atMost);
		}
	}

}
