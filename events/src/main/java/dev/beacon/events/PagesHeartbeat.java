package dev.beacon.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Status-api's word that the pages on {@link Topics#PAGES} are current: sent every second
 * (under the key {@link #KEY}) for as long as status-api can read and write its database
 * and publish. When heartbeats stop — status-api, its database or the broker is down —
 * the edge no longer knows the statuses it holds are true, and shows them as unknown.
 *
 * @param eventId this heartbeat's id
 * @param occurredAt when status-api wrote it (to its outbox): what the edge judges the
 * pages' freshness by, however late the relay sends it
 */
public record PagesHeartbeat(UUID eventId, Instant occurredAt) implements BeaconEvent {

	/** The record key of heartbeats; page records are keyed by application id. */
	public static final String KEY = "heartbeat";

}
