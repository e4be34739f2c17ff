package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.UUID;

/** An incident as the public page shows it. */
public record PageIncident(UUID id, String title, String status, String impact, Instant startedAt, Instant resolvedAt,
		Instant updatedAt, String latestUpdate) {
}
