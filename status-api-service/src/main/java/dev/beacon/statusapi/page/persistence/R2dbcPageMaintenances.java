package dev.beacon.statusapi.page.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.statusapi.page.PageMaintenance;
import dev.beacon.statusapi.page.PageMaintenances;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcPageMaintenances implements PageMaintenances {

	private final DatabaseClient database;

	R2dbcPageMaintenances(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Flux<PageMaintenance> shown(UUID applicationId, Instant completedSince) {
		return this.database.sql("""
				SELECT maintenance_id, title, body, status, scheduled_for, scheduled_until, component_ids, updated_at
				FROM maintenance_windows
				WHERE application_id = :id AND (status <> 'completed' OR coalesce(completed_at, updated_at) >= :since)
				ORDER BY scheduled_for DESC NULLS LAST, maintenance_id""")
			.bind("id", applicationId)
			.bind("since", completedSince)
			.map((row) -> new PageMaintenance(row.get("maintenance_id", UUID.class), row.get("title", String.class),
					row.get("body", String.class), row.get("status", String.class),
					row.get("scheduled_for", Instant.class), row.get("scheduled_until", Instant.class),
					List.of(row.get("component_ids", UUID[].class)), row.get("updated_at", Instant.class)))
			.all();
	}

}
