package dev.beacon.incident.maintenance.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.beacon.incident.maintenance.Maintenance;
import dev.beacon.incident.maintenance.MaintenanceStatus;
import dev.beacon.incident.maintenance.Maintenances;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcMaintenances implements Maintenances {

	private static final String COLUMNS = "id, application_id, title, body, status, scheduled_for, scheduled_until, "
			+ "started_at, completed_at, created_at, updated_at, version";

	private final DatabaseClient database;

	R2dbcMaintenances(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Flux<Maintenance> findByApplication(UUID applicationId, long offset, int limit) {
		return rows(
				"SELECT " + COLUMNS + " FROM maintenances WHERE application_id = :app "
						+ "ORDER BY scheduled_for DESC, id LIMIT " + limit + " OFFSET " + offset,
				Map.of("app", applicationId));
	}

	@Override
	public Mono<Maintenance> find(UUID applicationId, UUID maintenanceId) {
		return rows("SELECT " + COLUMNS + " FROM maintenances WHERE id = :id AND application_id = :app",
				Map.of("id", maintenanceId, "app", applicationId))
			.next();
	}

	@Override
	public Mono<Maintenance> lock(UUID applicationId, UUID maintenanceId) {
		return rows("SELECT " + COLUMNS + " FROM maintenances WHERE id = :id AND application_id = :app FOR UPDATE",
				Map.of("id", maintenanceId, "app", applicationId))
			.next();
	}

	@Override
	public Flux<Maintenance> lockDue(Instant now, int limit) {
		return rows("SELECT " + COLUMNS + " FROM maintenances WHERE (status = 'scheduled' AND scheduled_for <= :now) "
				+ "OR (status IN ('in_progress', 'verifying') AND scheduled_until <= :now) "
				+ "ORDER BY scheduled_for LIMIT " + limit + " FOR UPDATE SKIP LOCKED", Map.of("now", now));
	}

	/**
	 * The maintenances the query selects, with their components (one more query, run
	 * after the first: in a transaction both share one connection).
	 */
	private Flux<Maintenance> rows(String sql, Map<String, Object> parameters) {
		return this.database.sql(sql)
			.bindValues(parameters)
			.map(Row::of)
			.all()
			.collectList()
			.flatMapMany((rows) -> rows.isEmpty() ? Flux.empty()
					: components(rows.stream().map(Row::id).toList()).flatMapIterable((components) -> rows.stream()
						.map((row) -> row.toMaintenance(components.getOrDefault(row.id(), List.of())))
						.toList()));
	}

	private Mono<Map<UUID, List<UUID>>> components(List<UUID> ids) {
		return this.database
			.sql("SELECT maintenance_id, component_id FROM maintenance_components WHERE maintenance_id = ANY(:ids) "
					+ "ORDER BY position")
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("maintenance_id", UUID.class), row.get("component_id", UUID.class)))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	@Override
	public Mono<Void> save(Maintenance maintenance) {
		Mono<Void> row = (maintenance.persistedVersion() == 0) ? insert(maintenance) : update(maintenance);
		List<UUID> ids = maintenance.componentIds();
		Mono<Void> clear = this.database.sql("DELETE FROM maintenance_components WHERE maintenance_id = :id")
			.bind("id", maintenance.id())
			.then();
		Flux<Long> components = Flux.range(0, ids.size())
			.concatMap((position) -> this.database
				.sql("INSERT INTO maintenance_components (maintenance_id, component_id, position) "
						+ "VALUES (:id, :component, :position)")
				.bind("id", maintenance.id())
				.bind("component", ids.get(position))
				.bind("position", position)
				.fetch()
				.rowsUpdated());
		return row.then(clear).thenMany(components).then();
	}

	private Mono<Void> insert(Maintenance maintenance) {
		return bind(this.database.sql("INSERT INTO maintenances (" + COLUMNS + ") VALUES (:id, :app, :title, :body, "
				+ ":status, :scheduledFor, :scheduledUntil, :startedAt, :completedAt, :createdAt, :updatedAt, :version)")
			.bind("app", maintenance.applicationId())
			.bind("createdAt", maintenance.createdAt()), maintenance).then();
	}

	private Mono<Void> update(Maintenance maintenance) {
		return bind(
				this.database.sql("UPDATE maintenances SET title = :title, body = :body, status = :status, "
						+ "scheduled_for = :scheduledFor, scheduled_until = :scheduledUntil, started_at = :startedAt, "
						+ "completed_at = :completedAt, updated_at = :updatedAt, version = :version "
						+ "WHERE id = :id AND version = :expected")
					.bind("expected", maintenance.persistedVersion()),
				maintenance)
			.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 1) ? Mono.<Void>empty() : Mono.error(new OptimisticLockingFailureException(
					"Maintenance " + maintenance.id() + " was changed concurrently")));
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			Maintenance maintenance) {
		spec = spec.bind("id", maintenance.id())
			.bind("title", maintenance.title())
			.bind("body", maintenance.body())
			.bind("status", maintenance.status().value())
			.bind("scheduledFor", maintenance.scheduledFor())
			.bind("scheduledUntil", maintenance.scheduledUntil())
			.bind("updatedAt", maintenance.updatedAt())
			.bind("version", maintenance.version());
		spec = (maintenance.startedAt() != null) ? spec.bind("startedAt", maintenance.startedAt())
				: spec.bindNull("startedAt", Instant.class);
		return (maintenance.completedAt() != null) ? spec.bind("completedAt", maintenance.completedAt())
				: spec.bindNull("completedAt", Instant.class);
	}

	private record Row(UUID id, UUID applicationId, String title, String body, String status, Instant scheduledFor,
			Instant scheduledUntil, Instant startedAt, Instant completedAt, Instant createdAt, Instant updatedAt,
			long version) {

		static Row of(Readable row) {
			return new Row(row.get("id", UUID.class), row.get("application_id", UUID.class),
					row.get("title", String.class), row.get("body", String.class), row.get("status", String.class),
					row.get("scheduled_for", Instant.class), row.get("scheduled_until", Instant.class),
					row.get("started_at", Instant.class), row.get("completed_at", Instant.class),
					row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
					row.get("version", Long.class));
		}

		Maintenance toMaintenance(List<UUID> componentIds) {
			return Maintenance.restore(new Maintenance.Stored(this.id, this.applicationId, this.title, this.body,
					MaintenanceStatus.of(this.status), componentIds, this.scheduledFor, this.scheduledUntil,
					this.startedAt, this.completedAt, this.createdAt, this.updatedAt, this.version));
		}

	}

}
