package dev.beacon.notifier.delivery.messaging;

import java.util.function.Consumer;

import dev.beacon.events.IncidentChanged;
import dev.beacon.notifier.delivery.FanOut;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.incidents.v1} to the fan-out of deliveries. */
@Configuration(proxyBeanMethods = false)
class DeliveryFunctions {

	@Bean
	Consumer<IncidentChanged> incidents(FanOut fanOut) {
		return (event) -> fanOut.incidentChanged(event).block();
	}

}
