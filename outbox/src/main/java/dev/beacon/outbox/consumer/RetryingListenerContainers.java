package dev.beacon.outbox.consumer;

import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retries and dead-lettering from the binder (a fixed number of attempts for every
 * exception) to the listener container, with one error handler per consumer binding that
 * asks {@link ConsumerFailures} what to do: wait and retry for as long as a transient
 * failure lasts (the record is sought back, so nothing after it on the partition is
 * processed or committed meanwhile), dead-letter poison at once, and dead-letter anything
 * else after a few attempts.
 */
final class RetryingListenerContainers implements ListenerContainerWithDlqAndRetryCustomizer {

	private final DeadLettersFactory deadLetters;

	private final ConsumerRetryProperties properties;

	RetryingListenerContainers(DeadLettersFactory deadLetters, ConsumerRetryProperties properties) {
		this.deadLetters = deadLetters;
		this.properties = properties;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		throw new IllegalStateException("The binder did not pass the consumer properties of " + destinationName);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
			ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
		// the binder hands retries to the container only with max-attempts > 1; with 1
		// its
		// own error channel would dead-letter every failure at once
		if (properties.getMaxAttempts() <= 1 || !properties.getExtension().isEnableDlq()) {
			throw new IllegalStateException("Consumer binding of " + destinationName
					+ " needs max-attempts > 1 (the number itself is not used) and enable-dlq: true; "
					+ "retries follow beacon.consumer.retry");
		}
		// the binder's own resolver knows only an explicit dlq-name
		String deadLetterTopic = deadLetterTopic(destinationName, group, properties.getExtension().getDlqName());
		DeadLetters recoverer = this.deadLetters
			.create((record, failure) -> new TopicPartition(deadLetterTopic, record.partition()));
		recoverer.counter(destinationName);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, unlimited());
		// ConsumerFailures alone decides: no built-in list of fatal exceptions
		handler.setClassifications(Map.of(), true);
		handler.setBackOffFunction((record, failure) -> backOffFor(ConsumerFailures.classify(failure)));
		handler.setResetStateOnExceptionChange(true);
		handler.setRetryListeners(new RetryLog());
		container.setCommonErrorHandler(handler);
	}

	/**
	 * The binder's name for the dead-letter topic of a consumer binding: {@code dlq-name}
	 * if set, else {@code error.<destination>.<group>}.
	 */
	static String deadLetterTopic(String destination, String group, String dlqName) {
		return (dlqName != null && !dlqName.isBlank()) ? dlqName : "error." + destination + "." + group;
	}

	BackOff backOffFor(ConsumerFailures.Kind kind) {
		return switch (kind) {
			case TRANSIENT -> unlimited();
			case POISON -> new FixedBackOff(0, 0);
			case OTHER -> {
				ExponentialBackOff bounded = exponential();
				bounded.setMaxAttempts(this.properties.otherFailureAttempts() - 1);
				yield bounded;
			}
		};
	}

	private BackOff unlimited() {
		return exponential();
	}

	private ExponentialBackOff exponential() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.initialInterval().toMillis(),
				this.properties.multiplier());
		backOff.setMaxInterval(this.properties.maxInterval().toMillis());
		return backOff;
	}

	/**
	 * A partition waiting on a failure shows in the log: at the first failure of a
	 * record, then every tenth.
	 */
	private static final class RetryLog implements RetryListener {

		private static final Logger logger = LoggerFactory.getLogger(RetryingListenerContainers.class);

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
			if (deliveryAttempt == 1 || deliveryAttempt % 10 == 0) {
				Throwable root = failure;
				while (root.getCause() != null && root.getCause() != root) {
					root = root.getCause();
				}
				logger.warn("Consuming {}-{}@{} failed (attempt {}, {}); retrying: {}", record.topic(),
						record.partition(), record.offset(), deliveryAttempt, ConsumerFailures.classify(failure),
						root.getClass().getName());
			}
		}

	}

	/** Creates the dead-letter publisher of one binding. */
	interface DeadLettersFactory {

		DeadLetters create(BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination);

	}

}
