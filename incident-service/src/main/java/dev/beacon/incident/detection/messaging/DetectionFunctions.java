package dev.beacon.incident.detection.messaging;

import java.util.function.Consumer;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.incident.detection.IncidentDetection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.status-changes.v1} to incident detection. */
@Configuration(proxyBeanMethods = false)
class DetectionFunctions {

	@Bean
	Consumer<ComponentStatusChanged> statusChanges(IncidentDetection detection) {
		return (change) -> detection.apply(change).block();
	}

}
