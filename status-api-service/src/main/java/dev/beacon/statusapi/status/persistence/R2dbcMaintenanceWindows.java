package dev.beacon.statusapi.status.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.MaintenanceChanged;
import dev.beacon.statusapi.status.MaintenanceWindows;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcMaintenanceWindows implements MaintenanceWindows {

	private final DatabaseClient database;

	R2dbcMaintenanceWindows(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<List<UUID>> keep(MaintenanceChanged.Maintenance maintenance) {
		Mono<List<UUID>> before = this.database
			.sql("SELECT component_ids, version FROM maintenance_windows WHERE maintenance_id = :id FOR UPDATE")
			.bind("id", maintenance.maintenanceId())
			.map((row) -> new Kept(List.of(row.get("component_ids", UUID[].class)), row.get("version", Long.class)))
			.one()
			.defaultIfEmpty(new Kept(List.of(), 0L))
			.filter((kept) -> kept.version() < maintenance.version())
			.map(Kept::componentIds);
		return before.flatMap((components) -> this.database.sql("""
				INSERT INTO maintenance_windows (maintenance_id, application_id, title, status, component_ids, version,
				    body, scheduled_for, scheduled_until, completed_at, updated_at)
				VALUES (:id, :application, :title, :status, :components, :version, :body, :scheduledFor,
				    :scheduledUntil, :completedAt, now())
				ON CONFLICT (maintenance_id) DO UPDATE SET title = excluded.title, status = excluded.status,
				    component_ids = excluded.component_ids, version = excluded.version, body = excluded.body,
				    scheduled_for = excluded.scheduled_for, scheduled_until = excluded.scheduled_until,
				    completed_at = excluded.completed_at, updated_at = excluded.updated_at
				WHERE maintenance_windows.version < excluded.version""")
			.bind("id", maintenance.maintenanceId())
			.bind("application", maintenance.applicationId())
			.bind("title", maintenance.title())
			.bind("status", maintenance.status())
			.bind("components", maintenance.componentIds().toArray(UUID[]::new))
			.bind("version", maintenance.version())
			.bind("body", Parameter.fromOrEmpty(maintenance.body(), String.class))
			.bind("scheduledFor", Parameter.fromOrEmpty(maintenance.scheduledFor(), Instant.class))
			.bind("scheduledUntil", Parameter.fromOrEmpty(maintenance.scheduledUntil(), Instant.class))
			.bind("completedAt", Parameter.fromOrEmpty(maintenance.completedAt(), Instant.class))
			.then()
			.thenReturn(components));
	}

	@Override
	public Mono<Boolean> covers(UUID componentId) {
		return this.database
			.sql("SELECT EXISTS (SELECT 1 FROM maintenance_windows WHERE component_ids @> ARRAY[:id] "
					+ "AND status IN ('in_progress', 'verifying')) AS covered")
			.bind("id", componentId)
			.map((row) -> Boolean.TRUE.equals(row.get("covered", Boolean.class)))
			.one();
	}

	private record Kept(List<UUID> componentIds, long version) {
	}

}
