package dev.beacon.collector.probe.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TcpProxy;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka unreachable: the collector keeps what it observes in a bounded buffer, counts
 * what it drops, and delivers the rest by itself once Kafka is back. The broker is real;
 * a TCP proxy in front of its bootstrap address makes it unreachable and back.
 */
class KafkaObservationsTests {

	static final String prefix = TestInfrastructure.topicPrefix(KafkaObservationsTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.OBSERVATIONS);

	static final JsonMapper json = JsonMapper.builder().build();

	@AfterAll
	static void close() {
		topics.close();
	}

	@Test
	void buffersWhileKafkaIsUnreachableDropsTheOldestBeyondItsBudgetAndRecovers() {
		String servers = TestInfrastructure.kafkaBootstrapServers();
		int port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1).split(",")[0]);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (TcpProxy proxy = new TcpProxy(port)) {
			proxy.cut();
			KafkaObservations observations = new KafkaObservations("127.0.0.1:" + proxy.port(), prefix,
					new CollectorProperties(List.of(), 8, 100, new CollectorProperties.Kubernetes(false, "",
							Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10))),
					meters);
			observations.start();
			try {
				UUID component = UUID.randomUUID();
				List<ObservationRecorded> sent = IntStream.range(0, 250)
					.mapToObj((i) -> ObservationRecorded.http(UUID.randomUUID(), component, Instant.now(), 200,
							(long) i, null))
					.toList();
				// publishing never waits for Kafka
				long start = System.nanoTime();
				sent.forEach((observation) -> observations.publish(observation).block());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

				// at most 100 wait in the buffer; the producer may have taken a few more
				// before
				// it found Kafka unreachable, so at least some, not exactly 150, are
				// dropped
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(meters.get("beacon.observations.dropped").counter().count())
						.isGreaterThanOrEqualTo(100));
				assertThat(meters.get("beacon.observations.buffered").gauge().value()).isLessThanOrEqualTo(100);

				proxy.restore();
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(
							() -> assertThat(meters.get("beacon.observations.buffered").gauge().value()).isZero());
				// the newest made it: the last one observed is on the topic
				await().atMost(Duration.ofSeconds(30))
					.until(() -> topics.receivedOn(Topics.OBSERVATIONS)
						.stream()
						.map((value) -> json.readValue(value, ObservationRecorded.class))
						.anyMatch((o) -> o.eventId().equals(sent.get(249).eventId())));
				double published = meters.get("beacon.observations.published").counter().count();
				double dropped = meters.get("beacon.observations.dropped").counter().count();
				assertThat(published + dropped).isEqualTo(250);
			}
			finally {
				observations.stop();
			}
		}
	}

}
