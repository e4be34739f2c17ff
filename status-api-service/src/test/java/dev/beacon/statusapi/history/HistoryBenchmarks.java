package dev.beacon.statusapi.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Registry;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The benchmarks of docs/benchmarks.md: the history read for 50 components with 90 days
 * of rollups, the storage of rollups per component and day, and sustained ingest through
 * Kafka. Not part of the build's tests (the class name does not end in Tests): run it
 * with {@code docs/benchmarks.sh}. Every figure is printed on a line starting with
 * {@code BENCHMARK}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0", "beacon.history.rollup-interval=1h", "logging.level.root=WARN" })
class HistoryBenchmarks {

	static final TestDatabase testDatabase = TestInfrastructure.database("status_api");

	static final String prefix = TestInfrastructure.topicPrefix(HistoryBenchmarks.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	static final int COMPONENTS = 50;

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

	@Value("${beacon.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Autowired
	DatabaseClient database;

	@Autowired
	Registry registry;

	@Autowired
	StatusHistory history;

	@Autowired
	BindingsLifecycleController bindings;

	static final String BINDING = "observations-in-0";

	@Test
	void historyOf50ComponentsWith90DaysAndStoragePerComponentDay() {
		UUID app = register("bench-hist", COMPONENTS, "Europe/Paris");
		Application application = this.registry.find(app).block();
		seed(application);

		// warm up, then time the service's work: three queries and the figures
		for (int i = 0; i < 50; i++) {
			this.history.of(application, Window.D90).block();
			this.history.page(application).block();
		}
		for (Window window : List.of(Window.H24, Window.D7, Window.D90)) {
			report("history API window=" + window.key(), time(300, () -> this.history.of(application, window).block()));
		}
		report("public page history (uptime, 90 days, response times)",
				time(300, () -> this.history.page(application).block()));
		// the same after each change of one component's rollups (its status changed): its
		// rollups are read again
		Runnable change = () -> markChanged(application.components().get(0).id());
		for (Window window : List.of(Window.H24, Window.D7, Window.D90)) {
			report("history API window=" + window.key() + ", rollups changed before each read",
					time(100, change, () -> this.history.of(application, window).block()));
		}
		report("public page history, rollups changed before each read",
				time(100, change, () -> this.history.page(application).block()));
		// and after a change of every component's rollups (a roll-up of checks, every 30
		// s
		// by default, touches each probed component): every read reads them all again
		UUID[] all = application.components().stream().map((component) -> component.id()).toArray(UUID[]::new);
		Runnable changeAll = () -> markChanged(all);
		for (Window window : List.of(Window.H24, Window.D7, Window.D90)) {
			report("history API window=" + window.key() + ", every component's rollups changed before each read",
					time(100, changeAll, () -> this.history.of(application, window).block()));
		}
		report("public page history, every component's rollups changed before each read",
				time(100, changeAll, () -> this.history.page(application).block()));

		long dailyBytes = size("status_rollups_daily");
		long hourlyBytes = size("status_rollups_hourly");
		long dailyRows = count("status_rollups_daily");
		long hourlyRows = count("status_rollups_hourly");
		System.out.printf("BENCHMARK storage: daily rollups %d rows, %d bytes (%.0f B per component-day)%n", dailyRows,
				dailyBytes, (double) dailyBytes / dailyRows);
		System.out.printf(
				"BENCHMARK storage: hourly rollups %d rows, %d bytes (%.0f B per component-hour, %.0f B per component-day while kept)%n",
				hourlyRows, hourlyBytes, (double) hourlyBytes / hourlyRows, 24.0 * hourlyBytes / hourlyRows);
		assertThat(dailyRows).isEqualTo(COMPONENTS * 90L);
	}

	@Test
	void sustainedIngestThroughKafka() {
		int apps = Integer.getInteger("beacon.bench.apps", 10);
		int observations = Integer.getInteger("beacon.bench.observations", 20_000);
		Duration limit = Duration.ofSeconds(Integer.getInteger("beacon.bench.seconds", 240));
		List<UUID[]> components = new ArrayList<>();
		for (int a = 0; a < apps; a++) {
			UUID app = register("bench-ingest-" + a, COMPONENTS, "UTC");
			Application application = this.registry.find(app).block();
			application.components().forEach((component) -> components.add(new UUID[] { app, component.id() }));
		}
		long before = count("status_checks");
		Random random = new Random(8);
		Instant start = Instant.now();
		send(components, observations, random);
		Instant sent = Instant.now();
		long[] done = new long[1];
		try {
			await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> {
				done[0] = count("status_checks") - before;
				return done[0] >= observations;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// report what was ingested within the limit
		}
		Duration took = Duration.between(start, Instant.now());
		System.out.printf(
				"BENCHMARK ingest: %d observations to %d components sent in %d ms; %d stored in %d ms: %.0f obs/s%n",
				observations, components.size(), Duration.between(start, sent).toMillis(), done[0], took.toMillis(),
				done[0] * 1000.0 / took.toMillis());
		Double lag = this.database
			.sql("SELECT extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY received_at - checked_at)) AS p99, "
					+ "extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY received_at - checked_at)) AS p50 "
					+ "FROM status_checks WHERE checked_at >= :start")
			.bind("start", start)
			.map((row) -> row.get("p99", Double.class))
			.one()
			.block();
		System.out.printf("BENCHMARK ingest: end-to-end lag (received_at - checked_at) p99 %.2f s%n", lag);

		// the consumer's own rate: a backlog sent while it is paused, drained once it
		// resumes (the producer above takes a good part of the first figure's time)
		this.bindings.changeState(BINDING, BindingsLifecycleController.State.PAUSED);
		long backlogFrom = count("status_checks");
		Instant sending = Instant.now();
		send(components, observations, random);
		long sendMillis = Duration.between(sending, Instant.now()).toMillis();
		long heldBack = count("status_checks") - backlogFrom;
		long drainFrom = count("status_checks");
		Duration[] cpuBefore = cpu();
		Instant resumed = Instant.now();
		this.bindings.changeState(BINDING, BindingsLifecycleController.State.RESUMED);
		long[] drained = new long[1];
		try {
			await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
				drained[0] = count("status_checks") - drainFrom;
				return drained[0] >= observations - heldBack;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// report what was drained within the limit
		}
		long drainMillis = Duration.between(resumed, Instant.now()).toMillis();
		Duration[] cpuAfter = cpu();
		System.out.printf(
				"BENCHMARK ingest from a backlog: %d observations sent in %d ms while the consumer was paused "
						+ "(%d stored meanwhile); %d stored in %d ms after it resumed: %.0f obs/s%n",
				observations, sendMillis, heldBack, drained[0], drainMillis, drained[0] * 1000.0 / drainMillis);
		System.out.printf(
				"BENCHMARK ingest from a backlog: CPU per observation %.1f µs in this JVM (the service, the broker, "
						+ "the test's polling), %.1f µs in PostgreSQL%n",
				cpuAfter[0].minus(cpuBefore[0]).toNanos() / 1000.0 / drained[0],
				cpuAfter[1].minus(cpuBefore[1]).toNanos() / 1000.0 / drained[0]);
	}

	/**
	 * CPU time used so far by this JVM and by the PostgreSQL processes started after it
	 * (the tests' embedded server, its backends long-lived in the pool).
	 */
	private static Duration[] cpu() {
		ProcessHandle self = ProcessHandle.current();
		Instant started = self.info().startInstant().orElseThrow();
		Duration postgres = ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().orElse("").endsWith("/postgres"))
			.filter((process) -> process.info().startInstant().map(started::isBefore).orElse(false))
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
		return new Duration[] { self.info().totalCpuDuration().orElseThrow(), postgres };
	}

	private void send(List<UUID[]> components, int observations, Random random) {
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < observations; i++) {
				UUID[] target = components.get(i % components.size());
				ObservationRecorded observation = ObservationRecorded.http(target[0], target[1], Instant.now(),
						(random.nextInt(50) == 0) ? 503 : 200, 20L + random.nextInt(200), null);
				ProducerRecord<String, String> record = new ProducerRecord<>(prefix + Topics.OBSERVATIONS,
						target[1].toString(), json.writeValueAsString(observation));
				record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
				producer.send(record);
			}
			producer.flush();
		}
	}

	private KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.LINGER_MS_CONFIG,
				20, ProducerConfig.ACKS_CONFIG, "all"));
	}

	/**
	 * 90 days of daily rollups and 7 days of hourly ones, with sketches of 30-second
	 * probes.
	 */
	private void seed(Application application) {
		ZoneId zone = ZoneId.of(application.page().timeZone());
		LocalDate today = LocalDate.now(zone);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
		Random random = new Random(42);
		Flux.fromIterable(application.components()).concatMap((component) -> {
			Flux<Void> days = Flux.range(0, 90)
				.concatMap((d) -> insert("INSERT INTO status_rollups_daily (component_id, zone, day, operational_ms, "
						+ "outage_ms, check_count, response_count, response_sum_ms, response_max_ms, response_p50_ms, "
						+ "response_p95_ms, response_sketch) "
						+ "VALUES (:id, :zone, :bucket, 86000000, 400000, 2880, :count, :sum, :max, :p50, :p95, :sketch)",
						component.id(), zone.getId(), today.minusDays(d), sketch(random, 2880)));
			Flux<Void> hours = Flux.range(0, 168)
				.concatMap((h) -> insert(
						"INSERT INTO status_rollups_hourly (component_id, hour, operational_ms, "
								+ "check_count, response_count, response_sum_ms, response_max_ms, response_p50_ms, "
								+ "response_p95_ms, response_sketch) "
								+ "VALUES (:id, :bucket, 3600000, 120, :count, :sum, :max, :p50, :p95, :sketch)",
						component.id(), null, hour.minus(h, ChronoUnit.HOURS), sketch(random, 120)));
			Mono<Void> open = this.database
				.sql("INSERT INTO status_intervals (component_id, started_at, status) VALUES (:id, :at, 'OPERATIONAL')")
				.bind("id", component.id())
				.bind("at", hour.minus(3, ChronoUnit.DAYS))
				.then();
			return days.thenMany(hours).then(open);
		}).blockLast();
	}

	private Flux<Void> insert(String sql, UUID id, String zone, Object bucket, ResponseTimes sketch) {
		var spec = this.database.sql(sql)
			.bind("id", id)
			.bind("bucket", bucket)
			.bind("count", sketch.count())
			.bind("sum", sketch.sumMillis())
			.bind("max", sketch.maxMillis())
			.bind("p50", sketch.summary().p50Millis())
			.bind("p95", sketch.summary().p95Millis())
			.bind("sketch", sketch.encodedSketch());
		if (zone != null) {
			spec = spec.bind("zone", zone);
		}
		return spec.then().flux();
	}

	private static ResponseTimes sketch(Random random, int checks) {
		ResponseTimes times = new ResponseTimes();
		for (int i = 0; i < checks; i++) {
			times.record((long) Math.exp(4 + random.nextGaussian() * 0.6));
		}
		return times;
	}

	private static long[] time(int runs, Runnable work) {
		return time(runs, () -> {
		}, work);
	}

	/** Times {@code work} alone, {@code before} it each time. */
	private static long[] time(int runs, Runnable before, Runnable work) {
		long[] nanos = new long[runs];
		for (int i = 0; i < runs; i++) {
			before.run();
			long began = System.nanoTime();
			work.run();
			nanos[i] = System.nanoTime() - began;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static void report(String what, long[] sorted) {
		System.out.printf("BENCHMARK %s: %d runs, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.length,
				sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

	/** Moves the marks of these components, as a roll-up or a status change does. */
	private void markChanged(UUID... componentIds) {
		this.database
			.sql("INSERT INTO history_marks (component_id, changes) SELECT unnest(CAST(:ids AS uuid[])), 1 "
					+ "ON CONFLICT (component_id) DO UPDATE SET changes = history_marks.changes + 1")
			.bind("ids", componentIds)
			.then()
			.block();
	}

	private long size(String table) {
		return this.database.sql("SELECT pg_total_relation_size(:table) AS bytes")
			.bind("table", table)
			.map((row) -> row.get("bytes", Long.class))
			.one()
			.block();
	}

	private long count(String table) {
		return this.database.sql("SELECT count(*) AS n FROM " + table)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private UUID register(String slug, int components, String zone) {
		UUID app = UUID.randomUUID();
		String list = IntStream.range(0, components)
			.mapToObj((i) -> "{\"name\":\"C" + i + "\",\"httpCheck\":{\"url\":\"https://shop.example/" + i + "\"}}")
			.collect(Collectors.joining(","));
		TestInfrastructure.client(this.port)
			.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\":\"" + app + "\",\"slug\":\"" + slug + "\",\"name\":\"Bench\",\"public\":true,"
					+ "\"components\":[" + list + "],\"page\":{\"timeZone\":\"" + zone + "\"}}")
			.exchange()
			.expectStatus()
			.isCreated();
		return app;
	}

}
