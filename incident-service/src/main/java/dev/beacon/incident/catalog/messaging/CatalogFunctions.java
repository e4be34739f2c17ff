package dev.beacon.incident.catalog.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.incident.catalog.ApplicationComponents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.catalog.v1} to the applications' components. A tombstone (null
 * value, handed over as {@link KafkaNull}) means the application keyed by the record was
 * deleted.
 */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	@Bean
	Consumer<Message<ApplicationDefined>> catalog(ApplicationComponents components) {
		return (message) -> {
			// typed for conversion, but a tombstone arrives as KafkaNull
			Object payload = message.getPayload();
			if (payload instanceof ApplicationDefined defined) {
				components
					.define(defined.applicationId(),
							Objects.requireNonNullElse(defined.components(), List.<ApplicationDefined.Component>of())
								.stream()
								.map(ApplicationDefined.Component::componentId)
								.toList(),
							defined.occurredAt())
					.block();
			}
			else {
				components.forget(applicationId(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY))).block();
			}
		};
	}

	private static UUID applicationId(Object key) {
		String text = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
		return UUID.fromString(text);
	}

}
