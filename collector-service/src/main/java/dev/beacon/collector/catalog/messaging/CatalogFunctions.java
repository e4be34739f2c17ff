package dev.beacon.collector.catalog.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;
import org.apache.kafka.common.TopicPartition;

import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.catalog.v1} to the probe targets. A tombstone (null value, which
 * the binder hands over as {@link KafkaNull}) means the application keyed by the record
 * was deleted: its checks stop.
 * <p>
 * Replicas split the work by the catalog's consumer group: each probes and watches the
 * applications of the partitions assigned to it. On every assignment a partition is read
 * again from its beginning (the topic is compacted and the targets live in memory); a
 * revoked partition's applications are dropped at once, so no target is probed twice.
 */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	static final String BINDING = "catalog-in-0";

	@Bean
	Consumer<Message<ApplicationDefined>> catalog(ProbeTargets targets) {
		return (message) -> {
			// typed for conversion, but a tombstone arrives as KafkaNull
			Object payload = message.getPayload();
			if (payload instanceof KafkaNull) {
				targets.forget(applicationId(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY)));
			}
			else {
				Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
				targets.define((ApplicationDefined) payload, (partition != null) ? partition : -1);
			}
		};
	}

	@Bean
	KafkaBindingRebalanceListener catalogAssignments(ProbeTargets targets) {
		return new KafkaBindingRebalanceListener() {

			@Override
			public void onPartitionsRevokedBeforeCommit(String bindingName,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				if (BINDING.equals(bindingName)) {
					targets.revoke(numbers(partitions));
				}
			}

			@Override
			public void onPartitionsAssigned(String bindingName,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
					boolean initial) {
				if (BINDING.equals(bindingName) && !partitions.isEmpty()) {
					consumer.seekToBeginning(partitions);
				}
			}

		};
	}

	private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
		return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
	}

	private static UUID applicationId(Object key) {
		String text = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
		return UUID.fromString(text);
	}

}
