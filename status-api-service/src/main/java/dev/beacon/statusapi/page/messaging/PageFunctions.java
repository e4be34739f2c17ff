package dev.beacon.statusapi.page.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.page.PageIncidents;
import dev.beacon.statusapi.status.MaintenanceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code beacon.incidents.v1}: incidents to the page's copy, maintenance to
 * component status. The topic carries both types; the {@code ce_type} header tells them
 * apart before the body is read (an event without one is an incident: the topic carried
 * nothing else before), and a type this service does not know is skipped.
 */
@Configuration(proxyBeanMethods = false)
class PageFunctions {

	private static final Logger logger = LoggerFactory.getLogger(PageFunctions.class);

	static final String INCIDENT_CHANGED = "dev.beacon.IncidentChanged";

	static final String MAINTENANCE_CHANGED = "dev.beacon.MaintenanceChanged";

	@Bean
	Consumer<Message<JsonNode>> incidents(PageIncidents incidents, MaintenanceRecorder maintenance, JsonMapper json,
			HistoryStore history) {
		return (message) -> {
			String name = typeOf(message);
			switch (name) {
				case INCIDENT_CHANGED -> {
					IncidentChanged event = json.treeToValue(message.getPayload(), IncidentChanged.class);
					// the history keeps each incident's span and components for the days
					// it touched
					incidents.upsert(event).then(history.keepIncident(event)).block();
				}
				// contextCapture: the consumed record's observation (this thread's) goes
				// into the Reactor context, so what the outbox appends continues its
				// trace
				case MAINTENANCE_CHANGED ->
					maintenance.record(json.treeToValue(message.getPayload(), MaintenanceChanged.class))
						.contextCapture()
						.block();
				default -> logger.debug("Skipping an event of type {} on the incidents topic", name);
			}
		};
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
