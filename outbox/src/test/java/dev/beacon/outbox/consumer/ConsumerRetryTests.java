package dev.beacon.outbox.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer retry policy against a real broker: transient failures are retried for as
 * long as they last, poison is dead-lettered at once, other failures after a few attempts
 * — and the partition moves on.
 */
@SpringBootTest(properties = { "spring.application.name=retry-test",
		"spring.cloud.stream.kafka.binder.brokers=${beacon.kafka.bootstrap-servers}",
		"spring.cloud.function.definition=statusChanges",
		"spring.cloud.stream.bindings.statusChanges-in-0.destination=${beacon.kafka.topic-prefix}beacon.status-changes.v1",
		"spring.cloud.stream.bindings.statusChanges-in-0.group=retry-test",
		"spring.cloud.stream.kafka.default.consumer.enable-dlq=true",
		"spring.cloud.stream.kafka.default.consumer.start-offset=earliest",
		"beacon.consumer.retry.initial-interval=50ms", "beacon.consumer.retry.max-interval=400ms",
		"spring.autoconfigure.exclude=org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration" })
class ConsumerRetryTests {

	static final String prefix = TestInfrastructure.topicPrefix(ConsumerRetryTests.class);

	static final String DEAD_LETTERS = "error." + prefix + Topics.STATUS_CHANGES + ".retry-test";

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	static final TestTopics deadLetters = new TestTopics("", DEAD_LETTERS);

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
		deadLetters.close();
	}

	@Autowired
	Handler handler;

	@Autowired
	MeterRegistry meters;

	@Test
	void retriesATransientFailureForAsLongAsItLastsThenAppliesTheMessage() {
		UUID component = UUID.randomUUID();
		// far more attempts than the binder's old four
		this.handler.failures.put(component, () -> {
			throw new TransientDataAccessResourceException("database unreachable");
		});
		this.handler.failuresLeft.put(component, new AtomicInteger(12));
		topics.send(Topics.STATUS_CHANGES, component.toString(), change(component));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handler.applied.contains(component));
		assertThat(this.handler.attempts(component)).isEqualTo(13);
		assertThat(deadLettersOf(component)).isZero();
	}

	@Test
	void deadLettersPoisonAtOnceAndProcessesTheNextMessage() {
		UUID component = UUID.randomUUID();
		double before = deadLetterCount();
		topics.send(Topics.STATUS_CHANGES, component.toString(), "{not json");
		topics.send(Topics.STATUS_CHANGES, component.toString(), change(component));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handler.applied.contains(component));
		await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf(component) == 1);
		assertThat(deadLetters.recordsOn(DEAD_LETTERS)
			.stream()
			.filter((record) -> record.key().equals(component.toString()))
			.findFirst()
			.orElseThrow()
			.value()).isEqualTo("{not json");
		assertThat(this.handler.attempts(component)).isEqualTo(1);
		assertThat(deadLetterCount()).isEqualTo(before + 1);
	}

	@Test
	void deadLettersAMessageThatFailsValidationWithoutRetrying() {
		UUID component = UUID.randomUUID();
		this.handler.failures.put(component, () -> {
			throw new PoisonMessageException("no such component");
		});
		this.handler.failuresLeft.put(component, new AtomicInteger(Integer.MAX_VALUE));
		topics.send(Topics.STATUS_CHANGES, component.toString(), change(component));

		await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersOf(component) == 1);
		assertThat(this.handler.attempts(component)).isEqualTo(1);
	}

	@Test
	void deadLettersAnUnexpectedFailureAfterAFewAttempts() {
		UUID component = UUID.randomUUID();
		UUID next = UUID.randomUUID();
		this.handler.failures.put(component, () -> {
			throw new IllegalStateException("a bug");
		});
		this.handler.failuresLeft.put(component, new AtomicInteger(Integer.MAX_VALUE));
		topics.send(Topics.STATUS_CHANGES, component.toString(), change(component));
		topics.send(Topics.STATUS_CHANGES, component.toString(), change(next));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handler.applied.contains(next));
		await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf(component) == 1);
		assertThat(this.handler.attempts(component)).isEqualTo(3);
	}

	private double deadLetterCount() {
		var counter = this.meters.find("beacon.dead.letters").tag("topic", prefix + Topics.STATUS_CHANGES).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long deadLettersOf(UUID key) {
		return deadLetters.recordsOn(DEAD_LETTERS)
			.stream()
			.filter((record) -> record.key().equals(key.toString()))
			.count();
	}

	private static String change(UUID component) {
		return json.writeValueAsString(new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
				component, "API", ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, Instant.now(), null));
	}

	/** Applies status changes, failing as a test tells it to, per component. */
	static class Handler implements Consumer<ComponentStatusChanged> {

		final Map<UUID, Supplier<Void>> failures = new ConcurrentHashMap<>();

		final Map<UUID, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

		final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final CopyOnWriteArrayList<UUID> applied = new CopyOnWriteArrayList<>();

		@Override
		public void accept(ComponentStatusChanged change) {
			UUID component = change.componentId();
			this.attempts.computeIfAbsent(component, (id) -> new AtomicInteger()).incrementAndGet();
			AtomicInteger left = this.failuresLeft.get(component);
			if (left != null && left.getAndDecrement() > 0) {
				this.failures.get(component).get();
			}
			this.applied.add(component);
		}

		int attempts(UUID component) {
			AtomicInteger count = this.attempts.get(component);
			return (count != null) ? count.get() : 0;
		}

	}

	@SpringBootApplication
	@Import(ConsumerRetryConfiguration.class)
	static class RetryTestApplication {

		@Bean
		Handler statusChanges() {
			return new Handler();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
