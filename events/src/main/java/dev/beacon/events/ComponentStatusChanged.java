package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A component's status changed from {@code previous} to {@code current} at {@code since}.
 * Published on {@link Topics#STATUS_CHANGES}.
 *
 * @param degradation when {@code current} is degraded, which kind: {@code performance}
 * (slow answers) or {@code partial} (some pods or checks failing); null otherwise, and in
 * changes published before it existed
 */
public record ComponentStatusChanged(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
		String componentName, ComponentStatus previous, ComponentStatus current, Instant since, String reason,
		String degradation) implements BeaconEvent {

	/** A change without a kind of degradation, as first published. */
	public ComponentStatusChanged(UUID eventId, Instant occurredAt, UUID applicationId, UUID componentId,
			String componentName, ComponentStatus previous, ComponentStatus current, Instant since, String reason) {
		this(eventId, occurredAt, applicationId, componentId, componentName, previous, current, since, reason, null);
	}

}
