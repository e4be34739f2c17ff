package dev.beacon.incident.catalog.messaging;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.incident.catalog.ApplicationComponents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.catalog.v1} to the applications' components. */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	@Bean
	Consumer<ApplicationDefined> catalog(ApplicationComponents components) {
		return (defined) -> components
			.define(defined.applicationId(),
					Objects.requireNonNullElse(defined.components(), List.<ApplicationDefined.Component>of())
						.stream()
						.map(ApplicationDefined.Component::componentId)
						.toList(),
					defined.occurredAt())
			.block();
	}

}
