package dev.beacon.collector.catalog.messaging;

import java.util.function.Consumer;

import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.catalog.v1} to the probe targets. */
@Configuration(proxyBeanMethods = false)
class CatalogFunctions {

	@Bean
	Consumer<ApplicationDefined> catalog(ProbeTargets targets) {
		return targets::define;
	}

}
