package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A maintenance window as the public page shows it.
 *
 * @param status {@code scheduled}, {@code in_progress}, {@code verifying} or
 * {@code completed}
 * @param components the ids of the components it covers
 */
public record PageMaintenance(UUID id, String title, String body, String status, Instant scheduledFor,
		Instant scheduledUntil, List<UUID> components, Instant updatedAt) {

	public PageMaintenance {
		components = List.copyOf(components);
	}

}
