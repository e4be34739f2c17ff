package dev.beacon.statusapi.page.persistence;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.statusapi.page.PageIncident;
import dev.beacon.statusapi.page.PageIncidents;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcPageIncidents implements PageIncidents {

	private final DatabaseClient database;

	R2dbcPageIncidents(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Void> upsert(IncidentChanged event) {
		IncidentChanged.Incident incident = event.incident();
		var spec = this.database.sql("""
				INSERT INTO page_incidents (incident_id, application_id, title, status, impact, started_at,
				    resolved_at, latest_update, updated_at, version)
				VALUES (:id, :applicationId, :title, :status, :impact, :startedAt, :resolvedAt, :latestUpdate,
				    :updatedAt, :version)
				ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, status = excluded.status,
				    impact = excluded.impact, resolved_at = excluded.resolved_at,
				    latest_update = excluded.latest_update, updated_at = excluded.updated_at,
				    version = excluded.version
				WHERE page_incidents.version < excluded.version""")
			.bind("id", incident.incidentId())
			.bind("applicationId", incident.applicationId())
			.bind("title", incident.title())
			.bind("status", incident.status())
			.bind("impact", incident.impact())
			.bind("startedAt", incident.startedAt())
			.bind("updatedAt", event.occurredAt())
			.bind("version", incident.version());
		spec = (incident.resolvedAt() != null) ? spec.bind("resolvedAt", incident.resolvedAt())
				: spec.bindNull("resolvedAt", Instant.class);
		spec = (event.latestUpdate() != null) ? spec.bind("latestUpdate", event.latestUpdate().body())
				: spec.bindNull("latestUpdate", String.class);
		return spec.then();
	}

	@Override
	public Flux<PageIncident> unresolved(UUID applicationId) {
		return this.database
			.sql("SELECT incident_id, title, status, impact, started_at, resolved_at, updated_at, latest_update "
					+ "FROM page_incidents WHERE application_id = :id AND resolved_at IS NULL ORDER BY started_at DESC")
			.bind("id", applicationId)
			.map((row) -> new PageIncident(row.get("incident_id", UUID.class), row.get("title", String.class),
					row.get("status", String.class), row.get("impact", String.class),
					row.get("started_at", Instant.class), row.get("resolved_at", Instant.class),
					row.get("updated_at", Instant.class), row.get("latest_update", String.class)))
			.all();
	}

}
