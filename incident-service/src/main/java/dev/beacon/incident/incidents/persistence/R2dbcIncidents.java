package dev.beacon.incident.incidents.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.beacon.events.ComponentStatus;
import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.Incident;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.incident.incidents.IncidentUpdate;
import dev.beacon.incident.incidents.Incidents;
import dev.beacon.incident.incidents.Source;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcIncidents implements Incidents {

	private static final String COLUMNS = "id, application_id, title, status, impact, source, started_at, "
			+ "resolved_at, created_at, updated_at, version, postmortem";

	private static final String NEWEST_FIRST = " ORDER BY started_at DESC, created_at DESC, id";

	private final DatabaseClient database;

	R2dbcIncidents(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Flux<Incident> findByApplication(UUID applicationId, long offset, int limit) {
		String page = NEWEST_FIRST + " LIMIT " + limit + " OFFSET " + offset;
		String newest = "SELECT id FROM incidents WHERE application_id = :key" + page;
		Mono<List<IncidentRow>> rows = this.database
			.sql("SELECT " + COLUMNS + " FROM incidents WHERE application_id = :key" + page)
			.bind("key", applicationId)
			.map(IncidentRow::of)
			.all()
			.collectList();
		String selected = "incident_id IN (" + newest + ")";
		return rows.flatMap((found) -> withChildren(found, selected, applicationId)).flatMapIterable((all) -> all);
	}

	@Override
	public Mono<Incident> find(UUID applicationId, UUID incidentId) {
		return load("id = :id AND application_id = :app", Map.of("id", incidentId, "app", applicationId));
	}

	@Override
	public Mono<Incident> lock(UUID applicationId, UUID incidentId) {
		return load("id = :id AND application_id = :app FOR UPDATE", Map.of("id", incidentId, "app", applicationId));
	}

	@Override
	public Mono<Incident> lockOpenDetected(UUID applicationId) {
		return load("application_id = :app AND resolved_at IS NULL AND source = 'detected' FOR UPDATE",
				Map.of("app", applicationId));
	}

	@Override
	public Mono<Map<Source, Long>> countOpen() {
		return this.database
			.sql("SELECT source, count(*) AS open FROM incidents WHERE resolved_at IS NULL GROUP BY source")
			.map((row) -> Map.entry(Source.of(row.get("source", String.class)), row.get("open", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Incident> load(String condition, Map<String, Object> parameters) {
		return this.database.sql("SELECT " + COLUMNS + " FROM incidents WHERE " + condition)
			.bindValues(parameters)
			.map(IncidentRow::of)
			.one()
			.flatMap((row) -> withChildren(List.of(row), "incident_id = :key", row.id()))
			.map((incidents) -> incidents.get(0));
	}

	/**
	 * Loads the children of {@code rows} (selected again by {@code condition} on
	 * {@code :key}). One query per table rather than per incident; the queries run one
	 * after the other because inside a transaction they share one connection.
	 */
	private Mono<List<Incident>> withChildren(List<IncidentRow> rows, String condition, UUID key) {
		if (rows.isEmpty()) {
			return Mono.just(List.of());
		}
		return components(condition, key).flatMap((components) -> updates(condition, key).map((updates) -> rows.stream()
			.map((row) -> row.toIncident(components.getOrDefault(row.id(), Map.of()),
					updates.getOrDefault(row.id(), List.of())))
			.toList()));
	}

	/** The updates of the incidents that {@code condition} selects, newest first. */
	private Mono<Map<UUID, List<IncidentUpdate>>> updates(String condition, UUID key) {
		return this.database
			.sql("SELECT incident_id, id, status, body, created_at FROM incident_updates WHERE " + condition
					+ " ORDER BY created_at DESC, seq DESC")
			.bind("key", key)
			.map((row) -> Map.entry(row.get("incident_id", UUID.class),
					new IncidentUpdate(row.get("id", UUID.class), IncidentStatus.of(row.get("status", String.class)),
							row.get("body", String.class), row.get("created_at", Instant.class))))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/**
	 * The components of the incidents that {@code condition} selects, in joining order.
	 */
	private Mono<Map<UUID, Map<UUID, ComponentStatus>>> components(String condition, UUID key) {
		return this.database
			.sql("SELECT incident_id, component_id, status FROM incident_components WHERE " + condition
					+ " ORDER BY position")
			.bind("key", key)
			.map((row) -> Map.entry(row.get("incident_id", UUID.class),
					Map.entry(row.get("component_id", UUID.class), componentStatus(row.get("status", String.class)))))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
					Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new))));
	}

	private static ComponentStatus componentStatus(String value) {
		return ComponentStatus.valueOf(value.toUpperCase(Locale.ROOT));
	}

	@Override
	public Mono<Void> save(Incident incident) {
		Mono<Void> row = (incident.persistedVersion() == 0) ? insert(incident) : update(incident);
		List<Map.Entry<UUID, ComponentStatus>> affected = List.copyOf(incident.components().entrySet());
		Flux<Long> components = Flux.range(0, affected.size())
			.concatMap((position) -> this.database
				.sql("INSERT INTO incident_components (incident_id, component_id, position, status) "
						+ "VALUES (:incident, :component, :position, :status) ON CONFLICT (incident_id, component_id) "
						+ "DO UPDATE SET status = excluded.status WHERE incident_components.status <> excluded.status")
				.bind("incident", incident.id())
				.bind("component", affected.get(position).getKey())
				.bind("position", position)
				.bind("status", affected.get(position).getValue().name().toLowerCase(Locale.ROOT))
				.fetch()
				.rowsUpdated());
		Flux<Long> updates = Flux.fromIterable(incident.unsavedUpdates())
			.concatMap((update) -> this.database
				.sql("INSERT INTO incident_updates (id, incident_id, status, body, created_at) "
						+ "VALUES (:id, :incident, :status, :body, :createdAt)")
				.bind("id", update.id())
				.bind("incident", incident.id())
				.bind("status", update.status().value())
				.bind("body", update.body())
				.bind("createdAt", update.createdAt())
				.fetch()
				.rowsUpdated());
		return row.thenMany(components).thenMany(updates).then();
	}

	private Mono<Void> insert(Incident incident) {
		return bindState(this.database
			.sql("INSERT INTO incidents (id, application_id, title, status, impact, source, started_at, resolved_at, "
					+ "created_at, updated_at, version, postmortem) VALUES (:id, :app, :title, :status, :impact, :source, "
					+ ":startedAt, :resolvedAt, :createdAt, :updatedAt, :version, :postmortem)")
			.bind("app", incident.applicationId())
			.bind("title", incident.title())
			.bind("source", incident.source().value())
			.bind("startedAt", incident.startedAt())
			.bind("createdAt", incident.createdAt()), incident).then();
	}

	private Mono<Void> update(Incident incident) {
		return bindState(this.database
			.sql("UPDATE incidents SET title = :title, status = :status, impact = :impact, resolved_at = :resolvedAt, "
					+ "updated_at = :updatedAt, version = :version, postmortem = :postmortem "
					+ "WHERE id = :id AND version = :expected")
			.bind("title", incident.title())
			.bind("expected", incident.persistedVersion()), incident).fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 1) ? Mono.<Void>empty() : Mono.error(
					new OptimisticLockingFailureException("Incident " + incident.id() + " was changed concurrently")));
	}

	private static DatabaseClient.GenericExecuteSpec bindState(DatabaseClient.GenericExecuteSpec spec,
			Incident incident) {
		spec = spec.bind("id", incident.id())
			.bind("status", incident.status().value())
			.bind("impact", incident.impact().value())
			.bind("updatedAt", incident.updatedAt())
			.bind("version", incident.version());
		spec = (incident.postmortem() != null) ? spec.bind("postmortem", incident.postmortem())
				: spec.bindNull("postmortem", String.class);
		return (incident.resolvedAt() != null) ? spec.bind("resolvedAt", incident.resolvedAt())
				: spec.bindNull("resolvedAt", Instant.class);
	}

	private record IncidentRow(UUID id, UUID applicationId, String title, String status, String impact, String source,
			Instant startedAt, Instant resolvedAt, Instant createdAt, Instant updatedAt, long version,
			String postmortem) {

		static IncidentRow of(Readable row) {
			return new IncidentRow(row.get("id", UUID.class), row.get("application_id", UUID.class),
					row.get("title", String.class), row.get("status", String.class), row.get("impact", String.class),
					row.get("source", String.class), row.get("started_at", Instant.class),
					row.get("resolved_at", Instant.class), row.get("created_at", Instant.class),
					row.get("updated_at", Instant.class), row.get("version", Long.class),
					row.get("postmortem", String.class));
		}

		Incident toIncident(Map<UUID, ComponentStatus> components, List<IncidentUpdate> updates) {
			return Incident.restore(new Incident.Snapshot(this.id, this.applicationId, this.title,
					Source.of(this.source), IncidentStatus.of(this.status), Impact.of(this.impact), this.startedAt,
					this.resolvedAt, this.createdAt, this.updatedAt, this.version, this.postmortem), components,
					updates);
		}

	}

}
