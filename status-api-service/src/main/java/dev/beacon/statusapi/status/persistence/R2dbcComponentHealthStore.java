package dev.beacon.statusapi.status.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.status.ComponentHealth;
import dev.beacon.statusapi.status.ComponentHealthStore;
import dev.beacon.statusapi.status.HttpProbe;
import dev.beacon.statusapi.status.PodCheck;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcComponentHealthStore implements ComponentHealthStore {

	private static final String COLUMNS = "status, since, reason, consecutive_failures, last_observed_at, "
			+ "last_received_at, stale_at, degradation, http_status, http_reason, http_degradation, pods_status, "
			+ "pods_reason, pods_ready, pods_total, pods_observed_at";

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Forgets the sources' verdicts with the status: stale data revives nothing. Locks
	 * the stale rows it picks and skips rows that others hold locked (an observation
	 * being applied, another replica's sweep), so each component turns unknown once and
	 * only while still stale. A component under maintenance stays so: no data is expected
	 * from it. Reads the partial index {@code component_status_stale_at}.
	 */
	private static final String MARK_STALE = """
			WITH stale AS (
			    SELECT component_id, status FROM component_status
			    WHERE status <> 'UNKNOWN' AND status <> 'MAINTENANCE' AND stale_at <= statement_timestamp()
			    ORDER BY stale_at LIMIT :limit
			    FOR UPDATE SKIP LOCKED)
			UPDATE component_status s
			SET status = 'UNKNOWN', since = s.stale_at, reason = :reason, consecutive_failures = 0,
			    degradation = NULL, http_status = NULL, http_reason = NULL, http_degradation = NULL,
			    pods_status = NULL, pods_reason = NULL, pods_ready = NULL, pods_total = NULL,
			    pods_observed_at = NULL
			FROM stale JOIN components c ON c.id = stale.component_id
			WHERE s.component_id = stale.component_id
			RETURNING c.application_id, s.component_id, c.name, stale.status AS previous, s.since""";

	private final DatabaseClient database;

	R2dbcComponentHealthStore(DatabaseClient database) {
		this.database = database;
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
		String http = row.get("http_status", String.class);
		String pods = row.get("pods_status", String.class);
		return new ComponentHealth(ComponentStatus.valueOf(row.get("status", String.class)),
				row.get("since", Instant.class), row.get("reason", String.class),
				row.get("consecutive_failures", Integer.class), row.get("last_observed_at", Instant.class),
				row.get("last_received_at", Instant.class), row.get("stale_at", Instant.class),
				row.get("degradation", String.class),
				(http != null) ? new ComponentHealth.Verdict(ComponentStatus.valueOf(http),
						row.get("http_reason", String.class), row.get("http_degradation", String.class)) : null,
				(pods != null)
						? new ComponentHealth.PodsVerdict(ComponentStatus.valueOf(pods),
								row.get("pods_reason", String.class), row.get("pods_ready", Integer.class),
								row.get("pods_total", Integer.class), row.get("pods_observed_at", Instant.class))
						: null);
	}

	@Override
	public Mono<Void> save(UUID componentId, ComponentHealth health) {
		var spec = this.database.sql("""
				INSERT INTO component_status (component_id, status, since, reason, consecutive_failures,
				    last_observed_at, last_received_at, stale_at, degradation, http_status, http_reason,
				    http_degradation, pods_status, pods_reason, pods_ready, pods_total, pods_observed_at)
				VALUES (:id, :status, :since, :reason, :failures, :observed, :received, :staleAt, :degradation,
				    :httpStatus, :httpReason, :httpDegradation, :podsStatus, :podsReason, :podsReady, :podsTotal,
				    :podsObserved)
				ON CONFLICT (component_id) DO UPDATE SET status = excluded.status, since = excluded.since,
				    reason = excluded.reason, consecutive_failures = excluded.consecutive_failures,
				    last_observed_at = excluded.last_observed_at, last_received_at = excluded.last_received_at,
				    stale_at = excluded.stale_at, degradation = excluded.degradation,
				    http_status = excluded.http_status, http_reason = excluded.http_reason,
				    http_degradation = excluded.http_degradation, pods_status = excluded.pods_status,
				    pods_reason = excluded.pods_reason, pods_ready = excluded.pods_ready,
				    pods_total = excluded.pods_total, pods_observed_at = excluded.pods_observed_at""")
			.bind("id", componentId)
			.bind("status", health.status().name())
			.bind("since", health.since())
			.bind("failures", health.consecutiveFailures());
		spec = nullable(spec, "observed", health.lastObservedAt(), Instant.class);
		spec = nullable(spec, "received", health.lastReceivedAt(), Instant.class);
		spec = nullable(spec, "staleAt", health.staleAt(), Instant.class);
		spec = nullable(spec, "reason", health.reason(), String.class);
		spec = nullable(spec, "degradation", health.degradation(), String.class);
		ComponentHealth.Verdict http = health.http();
		spec = nullable(spec, "httpStatus", (http != null) ? http.status().name() : null, String.class);
		spec = nullable(spec, "httpReason", (http != null) ? http.reason() : null, String.class);
		spec = nullable(spec, "httpDegradation", (http != null) ? http.degradation() : null, String.class);
		ComponentHealth.PodsVerdict pods = health.pods();
		spec = nullable(spec, "podsStatus", (pods != null) ? pods.status().name() : null, String.class);
		spec = nullable(spec, "podsReason", (pods != null) ? pods.reason() : null, String.class);
		spec = nullable(spec, "podsReady", (pods != null) ? pods.ready() : null, Integer.class);
		spec = nullable(spec, "podsTotal", (pods != null) ? pods.total() : null, Integer.class);
		spec = nullable(spec, "podsObserved", (pods != null) ? pods.observedAt() : null, Instant.class);
		return spec.then();
	}

	private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
			T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	@Override
	public Mono<Void> savePodCheck(UUID eventId, UUID componentId, PodCheck check, Map<String, Object> details,
			String status) {
		var spec = this.database.sql("""
				INSERT INTO status_checks (event_id, component_id, observed_at, source, status, pods_ready,
				    pods_total, pod_restarts, details)
				VALUES (:eventId, :componentId, :observedAt, 'pods', :status, :ready, :total, :restarts,
				    CAST(:details AS jsonb))
				ON CONFLICT (event_id) DO NOTHING""")
			.bind("eventId", eventId)
			.bind("componentId", componentId)
			.bind("observedAt", check.observedAt())
			.bind("status", status)
			.bind("ready", check.ready())
			.bind("total", check.total())
			.bind("restarts", check.restarts());
		spec = nullable(spec, "details", (details != null) ? json.writeValueAsString(details) : null, String.class);
		return spec.then();
	}

	@Override
	public Mono<Void> saveCheck(UUID eventId, UUID componentId, HttpProbe probe, String status) {
		var spec = this.database
			.sql("INSERT INTO status_checks (event_id, component_id, observed_at, source, status, http_status, latency_ms, error) "
					+ "VALUES (:eventId, :componentId, :observedAt, 'http', :status, :httpStatus, :latency, :error) "
					+ "ON CONFLICT (event_id) DO NOTHING")
			.bind("eventId", eventId)
			.bind("componentId", componentId)
			.bind("observedAt", probe.observedAt())
			.bind("status", status);
		spec = (probe.httpStatus() != null) ? spec.bind("httpStatus", probe.httpStatus())
				: spec.bindNull("httpStatus", Integer.class);
		spec = (probe.latencyMillis() != null) ? spec.bind("latency", probe.latencyMillis())
				: spec.bindNull("latency", Long.class);
		spec = (probe.error() != null) ? spec.bind("error", probe.error()) : spec.bindNull("error", String.class);
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
