package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.beacon.events.IncidentChanged;

/**
 * The body sent to subscribers about an incident; documented in the README. Changes are
 * additive only, like the events'.
 */
@JsonPropertyOrder({ "type", "eventId", "occurredAt", "incident", "update" })
record IncidentNotification(String type, UUID eventId, Instant occurredAt, Incident incident, Update update) {

	static IncidentNotification of(IncidentChanged event) {
		IncidentChanged.Incident incident = event.incident();
		IncidentChanged.Update update = event.latestUpdate();
		return new IncidentNotification(type(event), event.eventId(), event.occurredAt(),
				new Incident(incident.incidentId(), incident.applicationId(), incident.title(), incident.status(),
						incident.impact(), Objects.requireNonNullElse(incident.componentIds(), List.of()),
						incident.startedAt(), incident.resolvedAt()),
				(update != null) ? new Update(update.updateId(), update.status(), update.body(), update.createdAt())
						: null);
	}

	/** {@code incident.opened}, {@code incident.updated} or {@code incident.resolved}. */
	static String type(IncidentChanged event) {
		IncidentChanged.Change change = Objects.requireNonNullElse(event.change(), IncidentChanged.Change.UPDATED);
		return "incident." + change.name().toLowerCase(Locale.ROOT);
	}

	@JsonPropertyOrder({ "id", "applicationId", "title", "status", "impact", "componentIds", "startedAt",
			"resolvedAt" })
	record Incident(UUID id, UUID applicationId, String title, String status, String impact, List<UUID> componentIds,
			Instant startedAt, Instant resolvedAt) {
	}

	@JsonPropertyOrder({ "id", "status", "body", "createdAt" })
	record Update(UUID id, String status, String body, Instant createdAt) {
	}

}
