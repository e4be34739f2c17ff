package dev.beacon.notifier.delivery.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.beacon.events.IncidentChanged;
import dev.beacon.notifier.delivery.FanOut;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.incidents.v1} to the fan-out of deliveries. The topic also carries
 * {@code MaintenanceChanged}; only {@code IncidentChanged} (told by the {@code ce_type}
 * header, before the body is read; an event without one is an incident, as every event
 * before maintenance was) is delivered.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryFunctions {

	static final String INCIDENT_CHANGED = "dev.beacon.IncidentChanged";

	@Bean
	Consumer<Message<JsonNode>> incidents(FanOut fanOut, JsonMapper json) {
		return (message) -> {
			Object type = message.getHeaders().get("ce_type");
			String name = (type == null) ? INCIDENT_CHANGED
					: (type instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(type);
			if (INCIDENT_CHANGED.equals(name)) {
				fanOut.incidentChanged(json.treeToValue(message.getPayload(), IncidentChanged.class)).block();
			}
		};
	}

}
