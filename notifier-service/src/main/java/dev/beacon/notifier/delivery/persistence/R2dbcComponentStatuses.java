package dev.beacon.notifier.delivery.persistence;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.notifier.delivery.ComponentStatuses;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcComponentStatuses implements ComponentStatuses {

	private final DatabaseClient database;

	R2dbcComponentStatuses(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Told> find(UUID componentId) {
		return this.database
			.sql("SELECT status, changed_at, version FROM component_statuses WHERE component_id = :id FOR UPDATE")
			.bind("id", componentId)
			.map((row) -> new Told(row.get("status", String.class), row.get("changed_at", Instant.class),
					row.get("version", Long.class)))
			.one();
	}

	@Override
	public Mono<Void> save(UUID applicationId, UUID componentId, Told told) {
		return this.database.sql("""
				INSERT INTO component_statuses (component_id, application_id, status, changed_at, version)
				VALUES (:id, :applicationId, :status, :changedAt, :version)
				ON CONFLICT (component_id) DO UPDATE SET application_id = excluded.application_id,
				    status = excluded.status, changed_at = excluded.changed_at, version = excluded.version""")
			.bind("id", componentId)
			.bind("applicationId", applicationId)
			.bind("status", told.status())
			.bind("changedAt", told.changedAt())
			.bind("version", told.version())
			.then();
	}

}
