package dev.beacon.statusapi.page.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
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

	@Bean
	Consumer<Message<JsonNode>> incidents(PageIncidents incidents, MaintenanceRecorder maintenance, JsonMapper json) {
		return (message) -> {
			Object type = message.getHeaders().get("ce_type");
			String name = (type == null) ? "dev.beacon.IncidentChanged"
					: (type instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(type);
			switch (name) {
				case "dev.beacon.IncidentChanged" ->
					incidents.upsert(json.treeToValue(message.getPayload(), IncidentChanged.class)).block();
				case "dev.beacon.MaintenanceChanged" ->
					maintenance.record(json.treeToValue(message.getPayload(), MaintenanceChanged.class)).block();
				default -> logger.debug("Skipping an event of type {} on the incidents topic", name);
			}
		};
	}

}
