package dev.beacon.notifier.catalog.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.delivery.Deliveries;
import dev.beacon.notifier.subscriber.Subscriptions;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.catalog.v1} (compacted: the newest definition of each application)
 * to the applications the notifier knows. A tombstone (null value, handed over as
 * {@link KafkaNull}) means the application keyed by the record was deleted: its
 * subscribers, their tokens, its deliveries and its incidents' timelines go with it. Each
 * step is idempotent, so a retried tombstone finishes what a failed one began.
 */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	@Bean
	Consumer<Message<ApplicationDefined>> catalog(Applications applications, Subscriptions subscriptions,
			Deliveries deliveries) {
		return (message) -> {
			// typed for conversion, but a tombstone arrives as KafkaNull
			Object payload = message.getPayload();
			if (payload instanceof ApplicationDefined defined) {
				applications.define(toApplication(defined)).block();
			}
			else {
				UUID applicationId = applicationId(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY));
				deliveries.forgetApplication(applicationId)
					.then(subscriptions.forgetApplication(applicationId))
					.then(applications.forget(applicationId))
					.then(Mono.<Void>empty())
					.block();
			}
		};
	}

	static Application toApplication(ApplicationDefined defined) {
		List<Application.Component> components = Objects
			.requireNonNullElse(defined.components(), List.<ApplicationDefined.Component>of())
			.stream()
			.map((component) -> new Application.Component(component.componentId(), component.name()))
			.toList();
		// definitions published before page settings existed had every page enabled
		boolean enabled = defined.page() == null || defined.page().enabled();
		return new Application(defined.applicationId(), defined.slug(), defined.name(), defined.publicPage(), enabled,
				components, Objects.requireNonNullElse(defined.occurredAt(), Instant.EPOCH));
	}

	private static UUID applicationId(Object key) {
		String text = (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
		return UUID.fromString(text);
	}

}
