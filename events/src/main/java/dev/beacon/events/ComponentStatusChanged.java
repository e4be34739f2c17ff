package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A component's status changed from {@code previous} to {@code current} at {@code since}.
 * Published on {@link Topics#STATUS_CHANGES}.
 */
public record ComponentStatusChanged(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
		String componentName, ComponentStatus previous, ComponentStatus current, Instant since,
		String reason) implements BeaconEvent {
}
