package dev.beacon.outbox.consumer;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a message a consumer gave up on to its dead-letter topic, then counts it
 * ({@code beacon.dead.letters}, tagged with the source topic) and logs one line naming
 * where it came from, its event id and why — never its payload. If the dead-letter topic
 * cannot be written, the exception propagates and the message is retried, not lost.
 */
final class DeadLetters implements ConsumerAwareRecordRecoverer {

	static final String METRIC = "beacon.dead.letters";

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final DeadLetterPublishingRecoverer publisher;

	private final BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination;

	private final MeterRegistry meters;

	DeadLetters(KafkaOperations<?, ?> template, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination,
			MeterRegistry meters) {
		this.publisher = new DeadLetterPublishingRecoverer(template, destination);
		this.publisher.setFailIfSendResultIsError(true);
		this.publisher.setLogRecoveryRecord(false);
		this.destination = destination;
		this.meters = meters;
	}

	/**
	 * Registers the counter of {@code topic} at zero, so that it shows before any use.
	 */
	Counter counter(String topic) {
		return Counter.builder(METRIC)
			.description("Messages a consumer gave up on and published to a dead-letter topic")
			.tag("topic", topic)
			.register(this.meters);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
		this.publisher.accept(record, consumer, failure);
		counter(record.topic()).increment();
		TopicPartition target = this.destination.apply(record, failure);
		ConsumerFailures.Kind kind = ConsumerFailures.classify(failure);
		logger.error("Dead-lettered {}-{}@{} (event {}, key {}) to {} as {}: {}", record.topic(), record.partition(),
				record.offset(), header(record, "ce_id"), key(record), (target != null) ? target.topic() : "?", kind,
				reason(failure, kind));
	}

	/**
	 * The innermost cause's type, and its message unless the message could not be read: a
	 * parser's message may quote the payload.
	 */
	private static String reason(Throwable failure, ConsumerFailures.Kind kind) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (kind == ConsumerFailures.Kind.POISON || root.getMessage() == null) {
			return root.getClass().getName();
		}
		String message = root.getMessage().replaceAll("[\\r\\n]+", " ");
		return root.getClass().getName() + ": "
				+ ((message.length() > 300) ? message.substring(0, 300) + "…" : message);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "-";
	}

	private static String key(ConsumerRecord<?, ?> record) {
		Object key = record.key();
		if (key instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return String.valueOf(key);
	}

}
