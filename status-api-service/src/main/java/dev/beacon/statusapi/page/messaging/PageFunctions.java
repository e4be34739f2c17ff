package dev.beacon.statusapi.page.messaging;

import java.util.function.Consumer;

import dev.beacon.events.IncidentChanged;
import dev.beacon.statusapi.page.PageIncidents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.incidents.v1} to the page's copy of incidents. */
@Configuration(proxyBeanMethods = false)
class PageFunctions {

	@Bean
	Consumer<IncidentChanged> incidents(PageIncidents incidents) {
		return (event) -> incidents.upsert(event).block();
	}

}
