package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.delivery.Deliveries.TimelineEntry;

/**
 * What subscribers receive, shaped like Atlassian Statuspage's webhooks: {@code meta},
 * {@code page}, and {@code incident} with its timeline ({@code incident_updates}, newest
 * first). Maintenances are incidents of {@code kind} {@code maintenance} with their
 * schedule. The same body goes to every channel (email renders it); it is fixed when the
 * event arrives, so every retry sends the same bytes. Changes are additive only.
 */
@JsonPropertyOrder({ "meta", "page", "incident" })
record NotificationPayload(Meta meta, Page page, Incident incident) {

	static NotificationPayload of(IncidentChanged event, Application application, String pageUrl,
			List<TimelineEntry> timeline) {
		IncidentChanged.Incident incident = event.incident();
		List<UUID> ids = Objects.requireNonNullElse(incident.componentIds(), List.of());
		List<IncidentChanged.AffectedComponent> affected = Objects.requireNonNullElse(incident.components(), List.of());
		List<Component> components = ids.stream().map((id) -> {
			String status = affected.stream()
				.filter((component) -> id.equals(component.componentId()) && component.status() != null)
				.map((component) -> component.status().name().toLowerCase(Locale.ROOT))
				.findFirst()
				.orElse(null);
			return new Component(id, name(application, id), status);
		}).toList();
		return new NotificationPayload(new Meta(type(event), event.eventId(), event.occurredAt(), incident.version()),
				Page.of(application, incident.applicationId(), pageUrl),
				new Incident(incident.incidentId(), "incident", incident.title(), incident.status(), incident.impact(),
						incident.version(), incident.startedAt(), event.occurredAt(), incident.resolvedAt(), null, null,
						pageUrl, components, timeline.stream().map(Update::of).toList()));
	}

	/**
	 * The payload of a maintenance, or null for a change subscribers are not told about
	 * (an edit of a scheduled maintenance).
	 */
	static NotificationPayload of(MaintenanceChanged event, Application application, String pageUrl) {
		String type = type(event);
		if (type == null) {
			return null;
		}
		MaintenanceChanged.Maintenance maintenance = event.maintenance();
		List<Component> components = Objects.requireNonNullElse(maintenance.componentIds(), List.<UUID>of())
			.stream()
			.map((id) -> new Component(id, name(application, id),
					"in_progress".equals(maintenance.status()) ? "maintenance" : null))
			.toList();
		Update update = new Update(event.eventId(), maintenance.status(),
				Objects.requireNonNullElse(maintenance.body(), ""), event.occurredAt());
		return new NotificationPayload(new Meta(type, event.eventId(), event.occurredAt(), maintenance.version()),
				Page.of(application, maintenance.applicationId(), pageUrl),
				new Incident(maintenance.maintenanceId(), "maintenance", maintenance.title(), maintenance.status(),
						"maintenance", maintenance.version(), maintenance.startedAt(), event.occurredAt(),
						maintenance.completedAt(), maintenance.scheduledFor(), maintenance.scheduledUntil(), pageUrl,
						components, List.of(update)));
	}

	/** {@code incident.opened}, {@code incident.updated} or {@code incident.resolved}. */
	static String type(IncidentChanged event) {
		IncidentChanged.Change change = Objects.requireNonNullElse(event.change(), IncidentChanged.Change.UPDATED);
		return "incident." + change.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * {@code maintenance.scheduled}, {@code maintenance.started} or
	 * {@code maintenance.completed}; null for other changes.
	 */
	static String type(MaintenanceChanged event) {
		if (event.change() == null) {
			return null;
		}
		return switch (event.change()) {
			case SCHEDULED -> "maintenance.scheduled";
			case STARTED -> "maintenance.started";
			case COMPLETED -> "maintenance.completed";
			default -> null;
		};
	}

	private static String name(Application application, UUID componentId) {
		String name = (application != null) ? application.componentName(componentId) : null;
		return (name != null) ? name : "Unknown component";
	}

	@JsonPropertyOrder({ "event_type", "event_id", "occurred_at", "version" })
	record Meta(@JsonProperty("event_type") String eventType, @JsonProperty("event_id") UUID eventId,
			@JsonProperty("occurred_at") Instant occurredAt, long version) {
	}

	@JsonPropertyOrder({ "id", "slug", "name", "url" })
	record Page(String id, String slug, String name, String url) {

		static Page of(Application application, UUID applicationId, String pageUrl) {
			return (application != null)
					? new Page(application.id().toString(), application.slug(), application.name(), pageUrl)
					: new Page(applicationId.toString(), null, "Status page", null);
		}

	}

	@JsonPropertyOrder({ "id", "kind", "name", "status", "impact", "version", "created_at", "updated_at", "resolved_at",
			"scheduled_for", "scheduled_until", "shortlink", "components", "incident_updates" })
	record Incident(UUID id, String kind, String name, String status, String impact, long version,
			@JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
			@JsonProperty("resolved_at") Instant resolvedAt, @JsonProperty("scheduled_for") Instant scheduledFor,
			@JsonProperty("scheduled_until") Instant scheduledUntil, String shortlink, List<Component> components,
			@JsonProperty("incident_updates") List<Update> incidentUpdates) {
	}

	@JsonPropertyOrder({ "id", "name", "status" })
	record Component(UUID id, String name, String status) {
	}

	@JsonPropertyOrder({ "id", "status", "body", "created_at" })
	record Update(UUID id, String status, String body, @JsonProperty("created_at") Instant createdAt) {

		static Update of(TimelineEntry entry) {
			return new Update(entry.id(), entry.status(), entry.body(), entry.createdAt());
		}

	}

}
