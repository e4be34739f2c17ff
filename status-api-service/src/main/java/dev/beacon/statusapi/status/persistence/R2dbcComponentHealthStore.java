package dev.beacon.statusapi.status.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.status.ComponentHealth;
import dev.beacon.statusapi.status.ComponentHealthStore;
import dev.beacon.statusapi.status.HttpProbe;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcComponentHealthStore implements ComponentHealthStore {

	private static final String COLUMNS = "status, since, reason, consecutive_failures, last_observed_at, "
			+ "last_received_at, stale_at, degradation";

	/**
	 * Locks the stale rows it picks and skips rows that others hold locked (an
	 * observation being applied, another replica's sweep), so each component turns
	 * unknown once and only while still stale. A component under maintenance stays so: no
	 * data is expected from it. Reads the partial index
	 * {@code component_status_stale_at}.
	 */
	private static final String MARK_STALE = """
			WITH stale AS (
			    SELECT component_id, status FROM component_status
			    WHERE status <> 'UNKNOWN' AND status <> 'MAINTENANCE' AND stale_at <= statement_timestamp()
			    ORDER BY stale_at LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			UPDATE component_status s
			SET status = 'UNKNOWN', since = s.stale_at, reason = :reason, consecutive_failures = 0, degradation = NULL,
			    version = s.version + 1
			FROM stale JOIN components c ON c.id = stale.component_id
			WHERE s.component_id = stale.component_id
			RETURNING c.application_id, s.component_id, c.name, stale.status AS previous, s.since""";

	private final DatabaseClient database;

	private final JsonMapper json;

	R2dbcComponentHealthStore(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	@Override
	public Mono<ComponentHealth> findForUpdate(UUID componentId) {
		return this.database.sql("SELECT " + COLUMNS + " FROM component_status WHERE component_id = :id FOR UPDATE")
			.bind("id", componentId)
			.map(R2dbcComponentHealthStore::toHealth)
			.one();
	}

	@Override
	public Mono<Map<UUID, ComponentHealth>> findAll(Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT component_id, " + COLUMNS + " FROM component_status WHERE component_id = ANY(:ids)")
			.bind("ids", componentIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("component_id", UUID.class), toHealth(row)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static ComponentHealth toHealth(Readable row) {
		return new ComponentHealth(ComponentStatus.valueOf(row.get("status", String.class)),
				row.get("since", Instant.class), row.get("reason", String.class),
				row.get("consecutive_failures", Integer.class), row.get("last_observed_at", Instant.class),
				row.get("last_received_at", Instant.class), row.get("stale_at", Instant.class),
				row.get("degradation", String.class));
	}

	@Override
	public Mono<Void> save(UUID componentId, ComponentHealth health) {
		var spec = this.database.sql("""
				INSERT INTO component_status (component_id, status, since, reason, consecutive_failures,
				    last_observed_at, last_received_at, stale_at, degradation)
				VALUES (:id, :status, :since, :reason, :failures, :observed, :received, :staleAt, :degradation)
				ON CONFLICT (component_id) DO UPDATE SET status = excluded.status, since = excluded.since,
				    reason = excluded.reason, consecutive_failures = excluded.consecutive_failures,
				    last_observed_at = excluded.last_observed_at, last_received_at = excluded.last_received_at,
				    stale_at = excluded.stale_at, degradation = excluded.degradation,
				    version = component_status.version + 1""")
			.bind("id", componentId)
			.bind("status", health.status().name())
			.bind("since", health.since())
			.bind("failures", health.consecutiveFailures())
			.bind("observed", health.lastObservedAt())
			.bind("received", health.lastReceivedAt())
			.bind("staleAt", health.staleAt());
		spec = (health.reason() != null) ? spec.bind("reason", health.reason()) : spec.bindNull("reason", String.class);
		spec = (health.degradation() != null) ? spec.bind("degradation", health.degradation())
				: spec.bindNull("degradation", String.class);
		return spec.then();
	}

	@Override
	public Mono<Void> saveCheck(UUID eventId, UUID componentId, HttpProbe probe, String status) {
		Map<String, Object> details = new LinkedHashMap<>();
		if (probe.httpStatus() != null) {
			details.put("httpStatus", probe.httpStatus());
		}
		if (probe.error() != null) {
			details.put("error", probe.error());
		}
		var spec = this.database
			.sql("""
					INSERT INTO status_checks (event_id, component_id, status, response_time_ms, checked_at, source, details)
					VALUES (:eventId, :componentId, :status, :responseTime, :checkedAt, 'http', CAST(:details AS jsonb))""")
			.bind("eventId", eventId)
			.bind("componentId", componentId)
			.bind("checkedAt", probe.observedAt())
			.bind("status", status)
			.bind("details", this.json.writeValueAsString(details));
		spec = (probe.latencyMillis() != null) ? spec.bind("responseTime", probe.latencyMillis())
				: spec.bindNull("responseTime", Long.class);
		return spec.then();
	}

	@Override
	public Mono<Instant> now() {
		return this.database.sql("SELECT statement_timestamp()").map((row) -> row.get(0, Instant.class)).one();
	}

	@Override
	public Flux<StaleComponent> markStale(int limit, String reason) {
		return this.database.sql(MARK_STALE)
			.bind("limit", limit)
			.bind("reason", reason)
			.map((row) -> new StaleComponent(row.get("application_id", UUID.class), row.get("component_id", UUID.class),
					row.get("name", String.class), ComponentStatus.valueOf(row.get("previous", String.class)),
					row.get("since", Instant.class)))
			.all();
	}

}
