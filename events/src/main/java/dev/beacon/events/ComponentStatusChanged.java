package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A component's status changed from {@code previous} to {@code current} at {@code since}.
 * Published on {@link Topics#STATUS_CHANGES}. {@code degradation} tells a degraded status
 * apart: {@code performance} (slow but answering; counts as up) or {@code partial} (some
 * of it down; counts 0.3 down); null for any other status, and absent in events published
 * before it existed (a degraded status without it is taken as performance).
 */
public record ComponentStatusChanged(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
		String componentName, ComponentStatus previous, ComponentStatus current, Instant since, String reason,
		String degradation) implements BeaconEvent {

	/** A change without a degradation kind. */
	public ComponentStatusChanged(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
			String componentName, ComponentStatus previous, ComponentStatus current, Instant since, String reason) {
		this(eventId, occurredAt, applicationId, componentId, componentName, previous, current, since, reason, null);
	}

}
