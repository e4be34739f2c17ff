package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries: a unique id (for idempotent consumers) and when it
 * happened.
 */
public interface BeaconEvent {

	UUID eventId();

	Instant occurredAt();

}
