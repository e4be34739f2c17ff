package dev.beacon.collector.probe.messaging;

import java.nio.charset.StandardCharsets;

import dev.beacon.collector.probe.Observations;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes observations keyed by component id, waiting for the broker's acknowledgement.
 */
@Component
class KafkaObservations implements Observations {

	private final StreamBridge streamBridge;

	private final String destination;

	KafkaObservations(StreamBridge streamBridge, @Value("${beacon.kafka.topic-prefix:}") String topicPrefix) {
		this.streamBridge = streamBridge;
		this.destination = topicPrefix + Topics.OBSERVATIONS;
	}

	@Override
	public Mono<Void> publish(ObservationRecorded observation) {
		var message = MessageBuilder.withPayload(observation)
			.setHeader(KafkaHeaders.KEY, observation.componentId().toString().getBytes(StandardCharsets.UTF_8))
			.setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE)
			.setHeader("ce_specversion", "1.0")
			.setHeader("ce_id", observation.eventId().toString())
			.setHeader("ce_type", "dev.beacon.ObservationRecorded")
			.setHeader("ce_source", "/beacon/collector")
			.setHeader("ce_time", observation.occurredAt().toString())
			.build();
		return Mono.fromRunnable(() -> {
			if (!this.streamBridge.send(this.destination, message)) {
				throw new IllegalStateException("Kafka did not accept the observation " + observation.eventId());
			}
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

}
