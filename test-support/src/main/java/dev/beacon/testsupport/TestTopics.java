package dev.beacon.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes a test class's topics (named with its prefix) on the shared broker, as
 * plain JSON strings: what a test sends is exactly what travels on the wire.
 */
public final class TestTopics implements AutoCloseable {

	/**
	 * As many partitions as the services ask for by default
	 * ({@code beacon.kafka.partitions}).
	 */
	private static final int PARTITIONS = 3;

	private final String prefix;

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

	/** Subscribes, from the beginning, to the given topics (names without the prefix). */
	public TestTopics(String prefix, String... topics) {
		this.prefix = prefix;
		String servers = TestInfrastructure.kafkaBootstrapServers();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"),
				new StringDeserializer(), new StringDeserializer());
		List<String> names = List.of(topics).stream().map((topic) -> prefix + topic).toList();
		createMissing(servers, names);
		this.consumer.subscribe(names);
	}

	/**
	 * Creates the topics before subscribing: a consumer that subscribes to a missing
	 * topic may not see it for a long while after a service creates it.
	 */
	private static void createMissing(String servers, List<String> names) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
			var existing = admin.listTopics().names().get();
			List<NewTopic> missing = names.stream()
				.filter((name) -> !existing.contains(name))
				.map((name) -> new NewTopic(name, PARTITIONS, (short) 1))
				.toList();
			admin.createTopics(missing).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create the test topics " + names, ex);
		}
	}

	/**
	 * Sends {@code json} to {@code topic} (without the prefix) and waits for the broker's
	 * ack.
	 */
	public void send(String topic, String key, String json) {
		send(topic, key, json, java.util.Map.of());
	}

	/**
	 * Sends {@code json} with extra headers (a CloudEvents {@code ce_type}, say) and
	 * waits for the broker's ack.
	 */
	public void send(String topic, String key, String json, java.util.Map<String, String> headers) {
		send(new ProducerRecord<>(this.prefix + topic, key, json), headers);
	}

	/**
	 * Sends {@code json} with the record timestamp {@code at} (a producer whose clock
	 * says so) and waits for the broker's ack.
	 */
	public void sendAt(String topic, String key, String json, java.time.Instant at) {
		send(new ProducerRecord<>(this.prefix + topic, null, at.toEpochMilli(), key, json), java.util.Map.of());
	}

	private void send(ProducerRecord<String, String> record, java.util.Map<String, String> headers) {
		String topic = record.topic();
		try {
			record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
			headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/** Polls once and returns every record received so far, on all subscribed topics. */
	public List<ConsumerRecord<String, String>> received() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.received::add);
		return List.copyOf(this.received);
	}

	/**
	 * The records received so far on {@code topic} (without the prefix), headers and all.
	 */
	public List<ConsumerRecord<String, String>> recordsOn(String topic) {
		return received().stream().filter((r) -> r.topic().equals(this.prefix + topic)).toList();
	}

	/** The values received so far on {@code topic} (without the prefix). */
	public List<String> receivedOn(String topic) {
		return received().stream()
			.filter((r) -> r.topic().equals(this.prefix + topic))
			.map(ConsumerRecord::value)
			.toList();
	}

	/**
	 * The trace id of a record's W3C {@code traceparent} header
	 * (version-trace-span-flags), or null when it has none.
	 */
	public static String traceIdOf(ConsumerRecord<String, String> record) {
		Header traceParent = record.headers().lastHeader("traceparent");
		return (traceParent != null) ? new String(traceParent.value(), StandardCharsets.UTF_8).split("-")[1] : null;
	}

	@Override
	public void close() {
		this.producer.close();
		this.consumer.close();
	}

}
