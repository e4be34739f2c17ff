package dev.beacon.notifier.delivery.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.notifier.delivery.ComponentFanOut;
import dev.beacon.notifier.delivery.FanOut;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.status-changes.v1} to the fan-out of component updates, and
 * {@code beacon.incidents.v1} to the fan-out of incidents and maintenances. The topic
 * carries {@code IncidentChanged} and {@code MaintenanceChanged}, told apart by the
 * {@code ce_type} header before the body is read (an event without one is told by its
 * shape); any other type is skipped.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryFunctions {

	static final String INCIDENT_CHANGED = "dev.beacon.IncidentChanged";

	static final String MAINTENANCE_CHANGED = "dev.beacon.MaintenanceChanged";

	@Bean
	Consumer<Message<JsonNode>> incidents(FanOut fanOut, JsonMapper json) {
		return (message) -> {
			String type = typeOf(message);
			if (INCIDENT_CHANGED.equals(type)) {
				fanOut.incidentChanged(json.treeToValue(message.getPayload(), IncidentChanged.class)).block();
			}
			else if (MAINTENANCE_CHANGED.equals(type)) {
				fanOut.maintenanceChanged(json.treeToValue(message.getPayload(), MaintenanceChanged.class)).block();
			}
		};
	}

	@Bean
	Consumer<ComponentStatusChanged> statusChanges(ComponentFanOut fanOut) {
		return (event) -> fanOut.statusChanged(event).block();
	}

	/**
	 * The CloudEvents type: the {@code ce_type} header (which Spring Cloud Function may
	 * hand over as {@code ce-type} or {@code ce.type}); without one, the body's shape —
	 * an event without a type header is an incident, as every event was before
	 * maintenance.
	 */
	static String typeOf(Message<JsonNode> message) {
		for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
			String key = header.getKey().toLowerCase(Locale.ROOT);
			if (key.equals("ce_type") || key.equals("ce-type") || key.equals("ce.type")) {
				Object value = header.getValue();
				String text = (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
						: String.valueOf(value);
				return text.replace("\"", "");
			}
		}
		JsonNode payload = message.getPayload();
		return (payload != null && payload.has("maintenance")) ? MAINTENANCE_CHANGED : INCIDENT_CHANGED;
	}

}
