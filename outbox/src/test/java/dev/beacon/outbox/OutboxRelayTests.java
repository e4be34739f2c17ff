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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
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
		"spring.cloud.stream.kafka.default.producer.sync=true" })
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

	@BeforeEach
	void tables() {
		this.db.sql("""
				CREATE TABLE IF NOT EXISTS outbox (id bigserial PRIMARY KEY, topic text NOT NULL,
				    message_key text NOT NULL, event_type text NOT NULL, event_id uuid NOT NULL,
				    occurred_at timestamptz NOT NULL, payload text NOT NULL)""").then().block();
		this.db.sql("""
				CREATE TABLE IF NOT EXISTS processed_events (event_id uuid PRIMARY KEY,
				    processed_at timestamptz NOT NULL DEFAULT now())""").then().block();
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

	}

}
