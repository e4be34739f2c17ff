package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a whole topic, every partition from its first offset to its end, without joining
 * a consumer group: what the producers published, as the broker keeps it.
 */
final class TopicReader {

	private static final JsonMapper json = JsonMapper.builder().build();

	private TopicReader() {
	}

	static List<Message> readAll(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			List<Message> messages = new ArrayList<>();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Could not read " + topic + " to its end within 60 s");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.value() != null) {
						messages.add(new Message(record.partition(), record.offset(), record.key(),
								json.readTree(record.value())));
					}
				}
			}
			return messages;
		}
	}

	/** One record, its JSON value parsed. */
	record Message(int partition, long offset, String key, JsonNode value) {
	}

}
