package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.beacon.events.ComponentStatus;
import dev.beacon.notifier.catalog.Application;

/**
 * A component's status change as subscribers receive it, shaped like Atlassian
 * Statuspage's component webhooks: {@code meta}, {@code page}, {@code component_update}
 * ({@code old_status} → {@code new_status}) and {@code component}, with Statuspage's
 * status vocabulary. Fixed when the event arrives, like every payload.
 */
@JsonPropertyOrder({ "meta", "page", "component_update", "component" })
record ComponentUpdatePayload(NotificationPayload.Meta meta, NotificationPayload.Page page,
		@JsonProperty("component_update") Update componentUpdate, Component component) {

	static final String EVENT_TYPE = "component.updated";

	static ComponentUpdatePayload of(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
			String componentName, Application application, String pageUrl, String oldStatus, String newStatus,
			Instant changedAt, long version) {
		String name = (application != null && application.componentName(componentId) != null)
				? application.componentName(componentId) : componentName;
		return new ComponentUpdatePayload(new NotificationPayload.Meta(EVENT_TYPE, eventId, occurredAt, version),
				NotificationPayload.Page.of(application, applicationId, pageUrl),
				new Update(eventId, componentId, oldStatus, newStatus, changedAt),
				new Component(componentId, name, newStatus, changedAt));
	}

	/**
	 * Beacon's status in Statuspage's words (see ARCHITECTURE, "Status"); null for
	 * {@code unknown}, which Statuspage has no word for: no data is not a status to tell.
	 */
	static String statuspage(ComponentStatus status, String degradation) {
		if (status == null) {
			return null;
		}
		return switch (status) {
			case OPERATIONAL -> "operational";
			// a degradation without a kind is performance (events before kinds existed)
			case DEGRADED -> "partial".equals((degradation != null) ? degradation.toLowerCase(Locale.ROOT) : null)
					? "partial_outage" : "degraded_performance";
			case OUTAGE -> "major_outage";
			case MAINTENANCE -> "under_maintenance";
			case UNKNOWN -> null;
		};
	}

	@JsonPropertyOrder({ "created_at", "new_status", "old_status", "id", "component_id" })
	record Update(UUID id, @JsonProperty("component_id") UUID componentId, @JsonProperty("old_status") String oldStatus,
			@JsonProperty("new_status") String newStatus, @JsonProperty("created_at") Instant createdAt) {
	}

	@JsonPropertyOrder({ "id", "name", "status", "updated_at" })
	record Component(UUID id, String name, String status, @JsonProperty("updated_at") Instant updatedAt) {
	}

}
