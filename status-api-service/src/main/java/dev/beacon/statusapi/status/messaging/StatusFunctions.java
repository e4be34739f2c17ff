package dev.beacon.statusapi.status.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.beacon.events.ObservationRecorded;
import dev.beacon.outbox.consumer.PoisonMessageException;
import dev.beacon.statusapi.status.ComponentStates;
import dev.beacon.statusapi.status.ObservationLag;
import dev.beacon.statusapi.status.StatusRecorder;
import dev.beacon.statusapi.status.StatusRecorder.Received;
import dev.beacon.outbox.consumer.ConsumerFailures;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.observations.v1}, a batch per poll, to the status recorder.
 * <p>
 * Failures keep the consumers' one policy (outbox module, {@code ConsumerFailures}): a
 * record that cannot be read is dead-lettered at once, after the records before it are
 * applied; a transient failure (database away) retries the whole batch for as long as it
 * lasts; any other failure applies the batch again a record at a time to find the one
 * that fails, and names it, so that it alone is retried and then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class StatusFunctions {

	static final String BINDING = "observations-in-0";

	@Bean
	Consumer<Message<List<byte[]>>> observations(StatusRecorder recorder, ObservationLag lag, JsonMapper json) {
		ObjectReader reader = observationReader(json);
		return (message) -> {
			List<byte[]> values = message.getPayload();
			List<?> partitions = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, List.class);
			List<Received> batch = new ArrayList<>(values.size());
			for (int i = 0; i < values.size(); i++) {
				ObservationRecorded observation;
				try {
					observation = read(reader, values.get(i));
				}
				catch (JacksonException | PoisonMessageException ex) {
					apply(recorder, batch);
					throw new BatchListenerFailedException("Observation " + i + " of the batch cannot be read", ex, i);
				}
				lag.received(observation);
				Object partition = (partitions != null && i < partitions.size()) ? partitions.get(i) : null;
				batch.add(new Received(observation, (partition instanceof Integer number) ? number : -1));
			}
			apply(recorder, batch);
		};
	}

	/** Reads observations with the service's settings, and instants the fast way. */
	private static ObjectReader observationReader(JsonMapper json) {
		return json.rebuild()
			.addModule(new SimpleModule("observation-instants").addDeserializer(Instant.class,
					new IsoInstantDeserializer()))
			.build()
			.readerFor(ObservationRecorded.class);
	}

	private static ObservationRecorded read(ObjectReader reader, byte[] value) {
		ObservationRecorded observation = reader.readValue(value);
		if (observation == null || observation.eventId() == null || observation.componentId() == null
				|| observation.source() == null || observation.observedAt() == null) {
			throw new PoisonMessageException("An observation needs eventId, componentId, source and observedAt");
		}
		return observation;
	}

	private static void apply(StatusRecorder recorder, List<Received> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			recorder.record(batch).block();
		}
		catch (RuntimeException failure) {
			if (ConsumerFailures.classify(failure) == ConsumerFailures.Kind.TRANSIENT) {
				throw failure;
			}
			// find the observation that fails: those before it are applied (each once,
			// the
			// inbox sees to that), it alone is retried and dead-lettered
			for (int i = 0; i < batch.size(); i++) {
				try {
					recorder.record(List.of(batch.get(i))).block();
				}
				catch (RuntimeException single) {
					throw new BatchListenerFailedException("Observation " + i + " of the batch failed", single, i);
				}
			}
		}
	}

	/** Drops the in-memory state of the partitions this replica no longer consumes. */
	@Bean
	KafkaBindingRebalanceListener observationPartitions(ComponentStates states) {
		return new KafkaBindingRebalanceListener() {

			@Override
			public void onPartitionsRevokedBeforeCommit(String bindingName,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				if (BINDING.equals(bindingName)) {
					states.partitionsRevoked(numbers(partitions));
				}
			}

			@Override
			public void onPartitionsAssigned(String bindingName,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
					boolean initial) {
				// state is loaded on first use: a batch reads every component it has not
				// kept, in one query
			}

		};
	}

	private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
		return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
	}

}
