package dev.beacon.collector.catalog.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.catalog.v1} to the probe targets. A tombstone (null value, which
 * the binder hands over as {@link KafkaNull}) means the application keyed by the record
 * was deleted: its checks stop.
 */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	@Bean
	Consumer<Message<ApplicationDefined>> catalog(ProbeTargets targets) {
		return (message) -> {
			// typed for conversion, but a tombstone arrives as KafkaNull
			Object payload = message.getPayload();
			if (payload instanceof KafkaNull) {
				targets.forget(applicationId(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY)));
			}
			else {
				targets.define((ApplicationDefined) payload);
			}
		};
	}

	private static UUID applicationId(Object key) {
		String text = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
		return UUID.fromString(text);
	}

}
