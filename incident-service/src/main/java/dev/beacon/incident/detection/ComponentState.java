package dev.beacon.incident.detection;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;

/**
 * What detection knows of one component: its latest status and since when, its last
 * status other than unknown ({@code known}, null if it never had one) and since when it
 * has been failing ({@code failingSince}, null when its last known status is not degraded
 * or outage).
 */
public record ComponentState(UUID componentId, String name, ComponentStatus status, Instant since, String reason,
		ComponentStatus known, Instant failingSince) {

	String displayName() {
		return (this.name != null && !this.name.isBlank()) ? this.name.strip() : "Component " + this.componentId;
	}

}
