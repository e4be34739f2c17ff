package dev.beacon.incident.maintenance.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/applications/{appId}/maintenances}: ISO-8601 instants, the
 * end after the start.
 */
record ScheduleMaintenanceRequest(@NotBlank @Size(max = 200) @PlainText String title,
		@NotBlank @Size(max = 5000) @PlainText String body, @NotEmpty @Size(max = 50) List<@NotNull UUID> componentIds,
		@NotNull Instant scheduledFor, @NotNull Instant scheduledUntil) {

	List<UUID> distinctComponentIds() {
		return this.componentIds.stream().distinct().toList();
	}

}
