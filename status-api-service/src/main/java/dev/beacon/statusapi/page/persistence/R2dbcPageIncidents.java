package dev.beacon.statusapi.page.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.statusapi.page.PageIncident;
import dev.beacon.statusapi.page.PageIncidents;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcPageIncidents implements PageIncidents {

	private static final String COLUMNS = "incident_id, title, status, impact, started_at, resolved_at, updated_at, "
			+ "latest_update, component_ids, component_statuses";

	private final DatabaseClient database;

	R2dbcPageIncidents(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Void> upsert(IncidentChanged event) {
		IncidentChanged.Incident incident = event.incident();
		List<UUID> ids = new ArrayList<>();
		List<String> statuses = new ArrayList<>();
		if (incident.components() != null) {
			for (IncidentChanged.AffectedComponent component : incident.components()) {
				ids.add(component.componentId());
				statuses.add((component.status() != null) ? component.status().name() : null);
			}
		}
		else if (incident.componentIds() != null) {
			for (UUID id : incident.componentIds()) {
				ids.add(id);
				statuses.add(null);
			}
		}
		var spec = this.database.sql("""
				INSERT INTO page_incidents (incident_id, application_id, title, status, impact, started_at,
				    resolved_at, latest_update, updated_at, version, component_ids, component_statuses)
				VALUES (:id, :applicationId, :title, :status, :impact, :startedAt, :resolvedAt, :latestUpdate,
				    :updatedAt, :version, :componentIds, :componentStatuses)
				ON CONFLICT (incident_id) DO UPDATE SET title = excluded.title, status = excluded.status,
				    impact = excluded.impact, resolved_at = excluded.resolved_at,
				    latest_update = excluded.latest_update, updated_at = excluded.updated_at,
				    version = excluded.version, component_ids = excluded.component_ids,
				    component_statuses = excluded.component_statuses
				WHERE page_incidents.version < excluded.version""")
			.bind("id", incident.incidentId())
			.bind("applicationId", incident.applicationId())
			.bind("title", incident.title())
			.bind("status", incident.status())
			.bind("impact", incident.impact())
			.bind("startedAt", incident.startedAt())
			.bind("updatedAt", event.occurredAt())
			.bind("version", incident.version())
			.bind("componentIds", ids.toArray(UUID[]::new))
			.bind("componentStatuses", statuses.toArray(String[]::new));
		spec = (incident.resolvedAt() != null) ? spec.bind("resolvedAt", incident.resolvedAt())
				: spec.bindNull("resolvedAt", Instant.class);
		spec = (event.latestUpdate() != null) ? spec.bind("latestUpdate", event.latestUpdate().body())
				: spec.bindNull("latestUpdate", String.class);
		return spec.then().then(keep(incident.incidentId(), event.latestUpdate()));
	}

	/** Each update is kept once, whatever the order its events arrive in. */
	private Mono<Void> keep(UUID incidentId, IncidentChanged.Update update) {
		if (update == null || update.updateId() == null) {
			return Mono.empty();
		}
		return this.database.sql("""
				INSERT INTO page_incident_updates (update_id, incident_id, status, body, created_at)
				VALUES (:id, :incident, :status, :body, :createdAt)
				ON CONFLICT (update_id) DO UPDATE SET status = excluded.status, body = excluded.body
				WHERE page_incident_updates.status <> excluded.status OR page_incident_updates.body <> excluded.body""")
			.bind("id", update.updateId())
			.bind("incident", incidentId)
			.bind("status", update.status())
			.bind("body", update.body())
			.bind("createdAt", (update.createdAt() != null) ? update.createdAt() : Instant.now())
			.then();
	}

	@Override
	public Flux<PageIncident> unresolved(UUID applicationId) {
		return this.database
			.sql("SELECT " + COLUMNS + " FROM page_incidents WHERE application_id = :id AND resolved_at IS NULL "
					+ "ORDER BY started_at DESC")
			.bind("id", applicationId)
			.map(R2dbcPageIncidents::incident)
			.all();
	}

	@Override
	public Flux<PageIncident> resolvedSince(UUID applicationId, Instant since) {
		return this.database
			.sql("SELECT " + COLUMNS + " FROM page_incidents WHERE application_id = :id AND resolved_at >= :since "
					+ "ORDER BY resolved_at DESC")
			.bind("id", applicationId)
			.bind("since", since)
			.map(R2dbcPageIncidents::incident)
			.all();
	}

	@Override
	public Flux<PageIncident.Update> updates(UUID incidentId) {
		return this.database
			.sql("SELECT update_id, status, body, created_at FROM page_incident_updates WHERE incident_id = :id "
					+ "ORDER BY created_at DESC, update_id")
			.bind("id", incidentId)
			.map((row) -> new PageIncident.Update(row.get("update_id", UUID.class), row.get("status", String.class),
					row.get("body", String.class), row.get("created_at", Instant.class)))
			.all();
	}

	private static PageIncident incident(Readable row) {
		UUID[] ids = row.get("component_ids", UUID[].class);
		String[] statuses = row.get("component_statuses", String[].class);
		List<PageIncident.AffectedComponent> components = new ArrayList<>();
		for (int i = 0; ids != null && i < ids.length; i++) {
			String status = (statuses != null && i < statuses.length) ? statuses[i] : null;
			components.add(new PageIncident.AffectedComponent(ids[i],
					(status != null) ? ComponentStatus.valueOf(status) : null));
		}
		return new PageIncident(row.get("incident_id", UUID.class), row.get("title", String.class),
				row.get("status", String.class), row.get("impact", String.class), row.get("started_at", Instant.class),
				row.get("resolved_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("latest_update", String.class), List.of(), components);
	}

}
