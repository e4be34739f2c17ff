package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status history end to end, against a real PostgreSQL and a real Kafka broker:
 * observations become intervals, raw checks and rollups; the history API and the public
 * page show uptime, daily bars and response times; raw checks live in daily partitions
 * made ahead and dropped whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0", "beacon.history.rollup-settle=0s", "beacon.history.rollup-interval=1h",
				"beacon.history.raw-retention=3d" })
class StatusHistoryTests {

	static final TestDatabase testDatabase = TestInfrastructure.database("status_api");

	static final String prefix = TestInfrastructure.topicPrefix(StatusHistoryTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		testDatabase.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	HistoryJobs jobs;

	@Autowired
	DatabaseClient database;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void observationsBecomeIntervalsRollupsAndTheHistoryTheApiAndThePageShow() {
		UUID app = UUID.randomUUID();
		String slug = register(app, "Europe/Paris", true, true);
		UUID component = componentOf(app);

		observe(app, component, 200, 40L);
		awaitIntervals(component, 1);
		observe(app, component, 200, 1500L);
		awaitIntervals(component, 2);
		observe(app, component, 503, 20L);
		observe(app, component, 503, 30L);
		awaitIntervals(component, 3);

		List<String> intervals = this.database
			.sql("SELECT status, degradation, ended_at IS NULL AS open FROM status_intervals "
					+ "WHERE component_id = :id ORDER BY started_at")
			.bind("id", component)
			.map((row) -> row.get("status", String.class) + "/" + row.get("degradation", String.class) + "/"
					+ row.get("open", Boolean.class))
			.all()
			.collectList()
			.block();
		assertThat(intervals).containsExactly("OPERATIONAL/null/false", "DEGRADED/performance/false",
				"OUTAGE/null/true");
		Long operationalMillis = this.database
			.sql("SELECT sum(operational_ms) AS ms FROM status_rollups_hourly WHERE component_id = :id")
			.bind("id", component)
			.map((row) -> row.get("ms", Long.class))
			.one()
			.block();
		assertThat(operationalMillis).isPositive();

		assertThat(this.jobs.rollUp().block()).isGreaterThanOrEqualTo(4L);
		JsonNode history = history(app, "24h");
		assertThat(history.get("window").asString()).isEqualTo("24h");
		assertThat(history.get("timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(history.get("uptime").decimalValue()).isLessThan(BigDecimal.valueOf(100));
		// a few seconds of data in 24 hours: coverage rounds to 0.000 or 0.001 percent,
		// so
		// only that it is a figure (the seen time itself is in millis below)
		assertThat(history.get("coverage").isNumber()).isTrue();
		JsonNode first = history.get("components").get(0);
		assertThat(first.get("id").asString()).isEqualTo(component.toString());
		assertThat(first.get("millis").get("outage").asLong()).isPositive();
		assertThat(first.get("days")).hasSize(1);
		JsonNode points = first.get("responseTimes");
		assertThat(points).hasSize(1);
		assertThat(points.get(0).get("maxMillis").asLong()).isEqualTo(1500);
		assertThat(points.get(0).get("p50Millis").asLong()).isBetween(30L, 41L);
		assertThat(points.get(0).get("meanMillis").asLong()).isEqualTo(Math.round((40 + 1500 + 20 + 30) / 4.0));

		JsonNode days = history(app, "90d");
		assertThat(days.get("days")).hasSize(90);
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
		assertThat(days.get("days").get(89).get("date").asString()).isEqualTo(today.toString());
		assertThat(days.get("days").get(89).get("worst").asString()).isEqualTo("outage");
		assertThat(days.get("days").get(0).get("uptime").isNull()).isTrue();
		assertThat(days.get("components").get(0).get("responseTimes")).hasSize(1);
		assertThat(history(app, "7d").get("components").get(0).get("responseTimes")).hasSize(1);

		JsonNode page = page(slug);
		assertThat(page.get("uptime").properties()).extracting(Map.Entry::getKey)
			.containsExactly("24h", "7d", "30d", "90d");
		assertThat(page.get("uptime").get("24h").decimalValue()).isLessThan(BigDecimal.valueOf(100));
		assertThat(page.get("days")).hasSize(90);
		JsonNode shown = page.get("components").get(0);
		assertThat(shown.get("status").asString()).isEqualTo("outage");
		assertThat(shown.get("uptime").get("90d").decimalValue()).isLessThan(BigDecimal.valueOf(100));
		assertThat(shown.get("days")).hasSize(90);
		assertThat(shown.get("responseTimes").get("hourly")).hasSize(1);
		assertThat(shown.get("responseTimes").get("daily")).hasSize(1);

		String metrics = new String(TestInfrastructure.client(this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(metrics).contains("beacon_observation_lag_seconds_bucket")
			.containsPattern("beacon_observation_lag_seconds_count(\\{[^}]*\\})? [4-9]");
	}

	@Test
	void rollupsKeptFromAReadAreReadAgainOnceAStatusChangeOrARollUpMovedThem() {
		UUID app = UUID.randomUUID();
		register(app, "UTC", true, true);
		UUID component = componentOf(app);
		observe(app, component, 200, 40L);
		awaitIntervals(component, 1);
		this.jobs.rollUp().block();
		JsonNode first = history(app, "24h").get("components").get(0);
		assertThat(first.get("responseTimes").get(0).get("maxMillis").asLong()).isEqualTo(40);
		assertThat(history(app, "24h").get("components").get(0).get("responseTimes"))
			.isEqualTo(first.get("responseTimes"));

		// the slow answer degrades the component: its operational interval closes into
		// the
		// rollups kept from the reads above, which must not be shown again
		observe(app, component, 200, 1500L);
		awaitIntervals(component, 2);
		JsonNode changed = history(app, "24h").get("components").get(0);
		assertThat(changed.get("millis").get("operational").asLong()).isPositive();
		assertThat(changed.get("responseTimes").get(0).get("maxMillis").asLong()).isEqualTo(40);

		// rolling the second check up changes no interval, but the read shows it
		assertThat(this.jobs.rollUp().block()).isEqualTo(1L);
		JsonNode rolled = history(app, "24h").get("components").get(0);
		assertThat(rolled.get("responseTimes").get(0).get("maxMillis").asLong()).isEqualTo(1500);
		assertThat(rolled.get("millis").get("operational").asLong())
			.isEqualTo(changed.get("millis").get("operational").asLong());
	}

	@Test
	void aPageThatHidesUptimeAndResponseTimesShowsThemNull() {
		UUID app = UUID.randomUUID();
		String slug = register(app, "UTC", false, false);
		UUID component = componentOf(app);
		observe(app, component, 200, 40L);
		awaitIntervals(component, 1);
		JsonNode page = page(slug);
		assertThat(page.get("uptime").isNull()).isTrue();
		assertThat(page.get("days").isNull()).isTrue();
		assertThat(page.get("components").get(0).get("uptime").isNull()).isTrue();
		assertThat(page.get("components").get(0).get("responseTimes").isNull()).isTrue();
		// the authenticated API still has it all
		assertThat(history(app, "24h").get("components").get(0).get("uptime").decimalValue())
			.isEqualByComparingTo("100");
	}

	@Test
	void aWindowOtherThanTheFourIsABadRequestNamingIt() {
		UUID app = UUID.randomUUID();
		register(app, "UTC", true, true);
		for (String query : List.of("?window=1y", "?window=", "")) {
			this.client.get()
				.uri("/api/applications/" + app + "/status/history" + query)
				.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("window");
		}
	}

	@Test
	void anUnknownOrForeignApplicationIsNotFound() {
		UUID app = UUID.randomUUID();
		register(app, "UTC", true, true);
		UUID unknown = UUID.randomUUID();
		this.client.get()
			.uri("/api/applications/" + unknown + "/status/history?window=24h")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(unknown)))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/applications/" + app + "/status/history?window=24h")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(unknown)))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/applications/" + app + "/status/history?window=24h")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void rawChecksLiveInDailyPartitionsMadeAheadAndDroppedWhole() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate old = today.minusDays(10);
		this.database.sql("SELECT status_checks_ensure_partitions(:day, :day)").bind("day", old).then().block();
		this.database.sql("""
				INSERT INTO status_checks (event_id, component_id, status, checked_at, received_at, source)
				VALUES (:event, :component, 'operational', :at, :at, 'http')""")
			.bind("event", UUID.randomUUID())
			.bind("component", UUID.randomUUID())
			.bind("at", old.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60))
			.then()
			.block();
		assertThat(partitions()).contains(name(old));

		this.jobs.maintain().block();

		assertThat(partitions()).doesNotContain(name(old))
			.contains(name(today), name(today.plusDays(1)), name(today.plusDays(3)));
	}

	@Test
	void rollupsWrittenBeforeTheirPercentilesWereColumnsShowTheirSketchesAndAreFilledOnce() {
		UUID app = UUID.randomUUID();
		register(app, "UTC", true, true);
		UUID component = componentOf(app);
		ResponseTimes times = new ResponseTimes();
		for (long millis = 1; millis <= 400; millis++) {
			times.record(millis);
		}
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		// a day as V6 wrote it: a sketch, no percentile columns
		this.database.sql("""
				INSERT INTO status_rollups_daily (component_id, zone, day, operational_ms, check_count,
				    response_count, response_sum_ms, response_max_ms, response_sketch)
				VALUES (:id, 'UTC', :day, 86400000, 400, :count, :sum, :max, :sketch)""")
			.bind("id", component)
			.bind("day", yesterday)
			.bind("count", times.count())
			.bind("sum", times.sumMillis())
			.bind("max", times.maxMillis())
			.bind("sketch", times.encodedSketch())
			.then()
			.block();
		ResponseSummary expected = times.summary();

		JsonNode before = daily(history(app, "30d"), yesterday);
		assertThat(before.get("p50Millis").asLong()).isEqualTo(expected.p50Millis());
		assertThat(before.get("p95Millis").asLong()).isEqualTo(expected.p95Millis());

		assertThat(this.jobs.fillMissingPercentiles().block()).isGreaterThanOrEqualTo(1L);
		Map<String, Object> stored = this.database.sql(
				"SELECT response_p50_ms, response_p95_ms FROM status_rollups_daily WHERE component_id = :id AND day = :day")
			.bind("id", component)
			.bind("day", yesterday)
			.fetch()
			.one()
			.block();
		assertThat(stored).containsEntry("response_p50_ms", expected.p50Millis())
			.containsEntry("response_p95_ms", expected.p95Millis());
		assertThat(this.jobs.fillMissingPercentiles().block()).isZero();
		JsonNode after = daily(history(app, "90d"), yesterday);
		assertThat(after.get("p50Millis").asLong()).isEqualTo(expected.p50Millis());
		assertThat(after.get("meanMillis").asLong()).isEqualTo(times.meanMillis());
	}

	private static JsonNode daily(JsonNode history, LocalDate day) {
		String at = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
		for (JsonNode point : history.get("components").get(0).get("responseTimes")) {
			if (Instant.parse(point.get("at").asString()).toString().equals(at)) {
				return point;
			}
		}
		throw new AssertionError("no response times for " + day + " in " + history);
	}

	@Test
	void theApiIsDescribedByOpenApi() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/applications/{id}/status/history'].get")
			.exists();
	}

	private List<String> partitions() {
		return this.database.sql("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				    JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'status_checks'""")
			.map((row) -> row.get("relname", String.class))
			.all()
			.collectList()
			.block();
	}

	private static String name(LocalDate day) {
		return "status_checks_" + day.toString().replace("-", "");
	}

	private void awaitIntervals(UUID component, long count) {
		await().atMost(TIMEOUT)
			.until(() -> this.database.sql("SELECT count(*) AS n FROM status_intervals WHERE component_id = :id")
				.bind("id", component)
				.map((row) -> row.get("n", Long.class))
				.one()
				.block(), (n) -> n >= count);
	}

	private JsonNode history(UUID app, String window) {
		return json.readTree(new String(this.client.get()
			.uri("/api/applications/" + app + "/status/history?window=" + window)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody()));
	}

	private JsonNode page(String slug) {
		return json.readTree(new String(this.client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody()));
	}

	private void observe(UUID app, UUID component, int httpStatus, Long latency) {
		ObservationRecorded observation = ObservationRecorded.http(app, component, Instant.now(), httpStatus, latency,
				null);
		topics.send(Topics.OBSERVATIONS, component.toString(), json.writeValueAsString(observation));
	}

	private String register(UUID app, String zone, boolean showUptime, boolean showResponseTimes) {
		String slug = "hist-" + app.toString().substring(0, 8);
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"%s","name":"Shop","public":true,
					 "components":[{"name":"API","httpCheck":{"url":"https://shop.example/health",
					 "intervalSeconds":60,"latencyThresholdMillis":1000,"failureThreshold":2}}],
					 "page":{"timeZone":"%s","showUptime":%s,"showResponseTimes":%s}}""".formatted(app, slug, zone,
					showUptime, showResponseTimes))
			.exchange()
			.expectStatus()
			.isCreated();
		return slug;
	}

	private UUID componentOf(UUID app) {
		String body = new String(this.client.get()
			.uri("/api/applications/" + app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		return UUID.fromString(json.readTree(body).get("components").get(0).get("id").asString());
	}

}
