package dev.beacon.outbox.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the messages waiting on a consumer's dead-letter topic back to the topic they
 * came from, once the cause is fixed. Every consumer group of the source topic sees them
 * again; consumers are idempotent, so a message already applied elsewhere changes
 * nothing. Progress is committed under the group {@code <group>.dead-letter-replay}: a
 * replay sends each dead letter once, and a second replay only what was dead-lettered
 * since.
 */
final class DeadLetterReplay {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterReplay.class);

	private static final String DEAD_LETTER_HEADERS = "kafka_dlt-";

	private final BindingServiceProperties bindings;

	private final KafkaTemplate<byte[], byte[]> producer;

	private final Environment environment;

	private final String topicPrefix;

	DeadLetterReplay(BindingServiceProperties bindings, KafkaTemplate<byte[], byte[]> producer, Environment environment,
			String topicPrefix) {
		this.bindings = bindings;
		this.producer = producer;
		this.environment = environment;
		this.topicPrefix = topicPrefix;
	}

	/**
	 * A topic this service consumes (named without the prefix), with its dead letters.
	 */
	record Source(String topic, String destination, String group, String deadLetterTopic) {
	}

	/** The topics this service consumes with a consumer group, by name. */
	List<String> topics() {
		return sources().stream().map(Source::topic).sorted().toList();
	}

	Optional<Source> source(String topic) {
		return sources().stream().filter((source) -> source.topic().equals(topic)).findFirst();
	}

	private List<Source> sources() {
		return this.bindings.getBindings()
			.entrySet()
			.stream()
			.filter((binding) -> binding.getKey().contains("-in-") && binding.getValue().getGroup() != null
					&& binding.getValue().getDestination() != null)
			.map((binding) -> {
				String destination = binding.getValue().getDestination();
				String group = binding.getValue().getGroup();
				String topic = destination.startsWith(this.topicPrefix)
						? destination.substring(this.topicPrefix.length()) : destination;
				String dlqName = this.environment
					.getProperty("spring.cloud.stream.kafka.bindings." + binding.getKey() + ".consumer.dlq-name");
				return new Source(topic, destination, group,
						RetryingListenerContainers.deadLetterTopic(destination, group, dlqName));
			})
			.collect(Collectors.toMap(Source::topic, (source) -> source, (first, second) -> first))
			.values()
			.stream()
			.toList();
	}

	/**
	 * Sends every dead letter not replayed yet back to its source topic, with its key and
	 * its original headers; emits how many.
	 */
	synchronized long replay(Source source) {
		Map<String, Object> config = new HashMap<>(ConsumerRetryConfiguration.binderConfiguration(this.environment));
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerRetryConfiguration.brokers(this.environment));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, source.group() + ".dead-letter-replay");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		long replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(source.deadLetterTopic(), Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				return 0;
			}
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
					if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
						continue;
					}
					ProducerRecord<byte[], byte[]> resent = new ProducerRecord<>(source.destination(), null,
							record.key(), record.value());
					for (Header header : record.headers()) {
						if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
							resent.headers().add(header);
						}
					}
					this.producer.send(resent).join();
					replayed++;
					done.put(new TopicPartition(record.topic(), record.partition()),
							new OffsetAndMetadata(record.offset() + 1));
				}
				if (!done.isEmpty()) {
					consumer.commitSync(done);
				}
			}
		}
		logger.info("Replayed {} dead letters from {} to {}", replayed, source.deadLetterTopic(), source.destination());
		return replayed;
	}

}
