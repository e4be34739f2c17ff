package dev.beacon.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against a real PostgreSQL and a real broker: publish exactly what commits,
 * in order.
 */
@SpringBootTest(properties = { "spring.application.name=outbox-test",
		"spring.cloud.stream.kafka.binder.brokers=${beacon.kafka.bootstrap-servers}",
		"spring.cloud.stream.kafka.default.producer.sync=true",
		// a long poll: publication within seconds proves the relay was woken
		"beacon.outbox.poll-interval=1m", "beacon.outbox.max-attempts=3", "beacon.outbox.retry-interval=100ms" })
class OutboxRelayTests {

	static final TestDatabase database = TestInfrastructure.database("outbox");

	static final String prefix = TestInfrastructure.topicPrefix(OutboxRelayTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", database::r2dbcUrl);
		registry.add("spring.r2dbc.username", database::username);
		registry.add("spring.r2dbc.password", database::password);
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Autowired
	Outbox outbox;

	@Autowired
	Inbox inbox;

	@Autowired
	DatabaseClient db;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Purge inboxPurge;

	@Autowired
	OutboxRelay relay;

	@Autowired
	JsonMapper json;

	@BeforeEach
	void tables() {
		OutboxSchema.create(this.db);
	}

	@Test
	void publishesCommittedEventsInOrderWithTheirKeyAndHeadersThenForgetsThem() {
		UUID component = UUID.randomUUID();
		List<ComponentStatusChanged> events = List.of(change(component, ComponentStatus.OUTAGE),
				change(component, ComponentStatus.OPERATIONAL), change(component, ComponentStatus.DEGRADED));
		this.transactions.transactional(Mono.when(events.stream()
			.map((event) -> this.outbox.append(Topics.STATUS_CHANGES, component.toString(), event))
			.toList())).block();

		await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(component).size() == 3);
		List<ConsumerRecord<String, String>> records = recordsOf(component);
		assertThat(records).extracting(ConsumerRecord::key).containsOnly(component.toString());
		assertThat(records).extracting((record) -> header(record, "ce_id"))
			.containsExactly(events.stream().map((event) -> event.eventId().toString()).toArray(String[]::new));
		assertThat(header(records.get(0), "ce_type")).isEqualTo("dev.beacon.ComponentStatusChanged");
		assertThat(header(records.get(0), "ce_source")).isEqualTo("/beacon/outbox-test");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.db.sql("SELECT count(*) FROM outbox").map((row) -> row.get(0, Long.class)).one().block(),
					(count) -> count == 0);
	}

	@Test
	void publishesNothingOfATransactionThatRolledBack() {
		UUID rolledBack = UUID.randomUUID();
		UUID committed = UUID.randomUUID();
		Mono<Void> failing = this.outbox
			.append(Topics.STATUS_CHANGES, rolledBack.toString(), change(rolledBack, ComponentStatus.OUTAGE))
			.then(Mono.error(new IllegalStateException("the change failed")));
		this.transactions.transactional(failing).onErrorResume((ex) -> Mono.empty()).block();
		this.transactions
			.transactional(this.outbox.append(Topics.STATUS_CHANGES, committed.toString(),
					change(committed, ComponentStatus.OUTAGE)))
			.block();

		await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(committed).size() == 1);
		assertThat(recordsOf(rolledBack)).isEmpty();
	}

	@Test
	void quarantinesARowKafkaRefusesAndPublishesEveryOtherRowOnceInOrderPerKey() {
		UUID component = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		ComponentStatusChanged before = change(component, ComponentStatus.OUTAGE);
		// larger than the producer's max.request.size (1 MB): Kafka refuses it for good
		ComponentStatusChanged tooLarge = new ComponentStatusChanged(UUID.randomUUID(), Instant.now(),
				UUID.randomUUID(), component, "API", ComponentStatus.OUTAGE, ComponentStatus.DEGRADED, Instant.now(),
				"x".repeat(1_200_000));
		ComponentStatusChanged after = change(component, ComponentStatus.OPERATIONAL);
		ComponentStatusChanged otherKey = change(other, ComponentStatus.OUTAGE);
		for (ComponentStatusChanged event : List.of(before, tooLarge, after)) {
			this.transactions.transactional(this.outbox.append(Topics.STATUS_CHANGES, component.toString(), event))
				.block();
		}
		this.transactions.transactional(this.outbox.append(Topics.STATUS_CHANGES, other.toString(), otherKey)).block();

		await().atMost(Duration.ofSeconds(60))
			.until(() -> recordsOf(component).size() == 2 && recordsOf(other).size() == 1 && count("outbox") == 0);
		assertThat(recordsOf(component)).extracting((record) -> header(record, "ce_id"))
			.containsExactly(before.eventId().toString(), after.eventId().toString());
		assertThat(recordsOf(other)).extracting((record) -> header(record, "ce_id"))
			.containsExactly(otherKey.eventId().toString());
		var failed = this.db.sql("SELECT event_id, attempts, error FROM outbox_failed WHERE event_id = :id")
			.bind("id", tooLarge.eventId())
			.fetch()
			.one()
			.block();
		assertThat(failed).isNotNull();
		assertThat(failed.get("attempts")).isEqualTo(3);
		assertThat((String) failed.get("error")).contains("RecordTooLargeException");
		assertThat(this.meters.get("beacon.outbox.quarantined").tag("topic", Topics.STATUS_CHANGES).counter().count())
			.isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("beacon.outbox.quarantine.depth").gauge().value() >= 1
					&& this.meters.get("beacon.outbox.depth").gauge().value() == 0);
	}

	@Test
	void publishesARowAnotherReplicaAppendedAsSoonAsItCommits() {
		UUID component = UUID.randomUUID();
		// no in-process wake-up: only the notification tells the relay
		insertBehindTheRelaysBack(component, true);

		await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(component).size() == 1);
	}

	@Test
	void runsAgainByItselfAfterARunFailed() {
		UUID component = UUID.randomUUID();
		insertBehindTheRelaysBack(component, false);
		this.db.sql("ALTER TABLE outbox RENAME TO outbox_away").then().block();
		// the run fails (no outbox table), as while the database is down
		this.relay.wake();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> recordsOf(component).isEmpty());
		this.db.sql("ALTER TABLE outbox_away RENAME TO outbox").then().block();

		// neither woken nor polled (1 min): the relay tries again after its pause
		await().atMost(Duration.ofSeconds(15)).until(() -> recordsOf(component).size() == 1);
	}

	@Test
	void publishesWhatWasAppendedWhileItsListenerWasAway() {
		UUID component = UUID.randomUUID();
		// a notification lost while the listening connection was broken
		insertBehindTheRelaysBack(component, false);
		this.db.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN beacon_outbox'")
			.then()
			.block();

		// listening again, the relay looks at once rather than at the next poll (1 min)
		await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(component).size() == 1);
	}

	/** Appends a row as another replica would, notifying the relays or not. */
	private void insertBehindTheRelaysBack(UUID component, boolean notify) {
		ComponentStatusChanged event = change(component, ComponentStatus.OUTAGE);
		this.db.sql("""
				WITH appended AS (
				    INSERT INTO outbox (topic, message_key, event_type, event_id, occurred_at, payload)
				    VALUES (:topic, :key, 'ComponentStatusChanged', :eventId, now(), :payload) RETURNING id)
				SELECT pg_notify('beacon_outbox', '') FROM appended WHERE :notify""")
			.bind("topic", Topics.STATUS_CHANGES)
			.bind("key", component.toString())
			.bind("eventId", event.eventId())
			.bind("payload", this.json.writeValueAsString(event))
			.bind("notify", notify)
			.then()
			.block();
	}

	private long count(String table) {
		return this.db.sql("SELECT count(*) FROM " + table).map((row) -> row.get(0, Long.class)).one().block();
	}

	@Test
	void purgesProcessedEventsOlderThanTheRetentionInBatches() {
		UUID recent = UUID.randomUUID();
		this.inbox.firstDelivery(recent).block();
		this.db.sql("""
				INSERT INTO processed_events (event_id, processed_at)
				SELECT gen_random_uuid(), now() - interval '8 days' FROM generate_series(1, :rows)""")
			.bind("rows", Inbox.PURGE_BATCH + 10)
			.then()
			.block();

		assertThat(this.inboxPurge.purgeAll().block()).isGreaterThanOrEqualTo(Inbox.PURGE_BATCH + 10L);
		assertThat(this.db.sql("SELECT count(*) FROM processed_events WHERE processed_at < now() - interval '7 days'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).isZero();
		assertThat(this.inbox.firstDelivery(recent).block()).isFalse();
	}

	@Test
	void inboxTellsTheFirstDeliveryFromRedeliveries() {
		UUID eventId = UUID.randomUUID();
		assertThat(this.inbox.firstDelivery(eventId).block()).isTrue();
		assertThat(this.inbox.firstDelivery(eventId).block()).isFalse();
	}

	private static List<ConsumerRecord<String, String>> recordsOf(UUID component) {
		return topics.recordsOn(Topics.STATUS_CHANGES)
			.stream()
			.filter((record) -> record.key().equals(component.toString()))
			.toList();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static ComponentStatusChanged change(UUID component, ComponentStatus current) {
		return new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), component, "API",
				ComponentStatus.OPERATIONAL, current, Instant.now(), null);
	}

	@SpringBootApplication
	@Import(OutboxConfiguration.class)
	static class OutboxTestApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
