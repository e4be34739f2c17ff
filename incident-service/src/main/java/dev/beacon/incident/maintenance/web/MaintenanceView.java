package dev.beacon.incident.maintenance.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.incident.maintenance.Maintenance;

/** A scheduled maintenance as the authenticated API shows it. */
record MaintenanceView(UUID id, UUID applicationId, String title, String body, String status, List<UUID> componentIds,
		Instant scheduledFor, Instant scheduledUntil, Instant startedAt, Instant completedAt, Instant createdAt,
		Instant updatedAt, long version) {

	static MaintenanceView of(Maintenance maintenance) {
		return new MaintenanceView(maintenance.id(), maintenance.applicationId(), maintenance.title(),
				maintenance.body(), maintenance.status().value(), maintenance.componentIds(),
				maintenance.scheduledFor(), maintenance.scheduledUntil(), maintenance.startedAt(),
				maintenance.completedAt(), maintenance.createdAt(), maintenance.updatedAt(), maintenance.version());
	}

}
