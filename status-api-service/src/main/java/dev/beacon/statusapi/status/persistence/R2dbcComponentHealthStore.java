package dev.beacon.statusapi.status.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
			+ "pods_reason, pods_ready, pods_total, pods_observed_at, clock_offset_micros";

	/**
	 * Forgets the sources' verdicts with the status: stale data revives nothing. Locks
	 * the stale rows it picks and skips rows that others hold locked (an observation
	 * being applied, another replica's sweep), so each component turns unknown once and
	 * only while still stale. A component under maintenance stays so: no data is expected
	 * from it. Reads the whole table: an index on {@code stale_at} would make every write
	 * of a component's health insert into it (see V31).
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
			    pods_observed_at = NULL, version = s.version + 1
			FROM stale JOIN components c ON c.id = stale.component_id
			WHERE s.component_id = stale.component_id
			RETURNING c.application_id, s.component_id, c.name, stale.status AS previous, s.since""";

	/**
	 * Updates each row only at the version its new health was derived from, and inserts
	 * only where no row exists: a writer whose state is stale (a zombie after a
	 * rebalance, a second consumer of the component) changes nothing. Returns the rows
	 * written.
	 */
	private static final String SAVE_IF_UNCHANGED = """
			WITH input AS (
			    SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:expected AS bigint[]), CAST(:statuses AS text[]),
			        CAST(:since AS timestamptz[]), CAST(:reasons AS text[]), CAST(:failures AS integer[]),
			        CAST(:observed AS timestamptz[]), CAST(:received AS timestamptz[]), CAST(:staleAt AS timestamptz[]),
			        CAST(:degradations AS text[]), CAST(:httpStatuses AS text[]), CAST(:httpReasons AS text[]),
			        CAST(:httpDegradations AS text[]), CAST(:podsStatuses AS text[]), CAST(:podsReasons AS text[]),
			        CAST(:podsReady AS integer[]), CAST(:podsTotal AS integer[]), CAST(:podsObserved AS timestamptz[]),
			        CAST(:offsets AS bigint[]))
			    AS t(id, expected, status, since, reason, failures, observed, received, stale_at, degradation,
			        http_status, http_reason, http_degradation, pods_status, pods_reason, pods_ready, pods_total,
			        pods_observed_at, clock_offset_micros)),
			updated AS (
			    UPDATE component_status s SET status = i.status, since = i.since, reason = i.reason,
			        consecutive_failures = i.failures, last_observed_at = i.observed, last_received_at = i.received,
			        stale_at = i.stale_at, degradation = i.degradation, http_status = i.http_status,
			        http_reason = i.http_reason, http_degradation = i.http_degradation, pods_status = i.pods_status,
			        pods_reason = i.pods_reason, pods_ready = i.pods_ready, pods_total = i.pods_total,
			        pods_observed_at = i.pods_observed_at, clock_offset_micros = i.clock_offset_micros,
			        version = s.version + 1
			    FROM input i WHERE s.component_id = i.id AND i.expected IS NOT NULL AND s.version = i.expected
			    RETURNING s.component_id, s.version),
			inserted AS (
			    INSERT INTO component_status (component_id, status, since, reason, consecutive_failures,
			        last_observed_at, last_received_at, stale_at, degradation, http_status, http_reason,
			        http_degradation, pods_status, pods_reason, pods_ready, pods_total, pods_observed_at,
			        clock_offset_micros, version)
			    SELECT i.id, i.status, i.since, i.reason, i.failures, i.observed, i.received, i.stale_at,
			        i.degradation, i.http_status, i.http_reason, i.http_degradation, i.pods_status, i.pods_reason,
			        i.pods_ready, i.pods_total, i.pods_observed_at, i.clock_offset_micros, 1
			    FROM input i WHERE i.expected IS NULL
			    ON CONFLICT (component_id) DO NOTHING
			    RETURNING component_id, version)
			SELECT component_id, version FROM updated UNION ALL SELECT component_id, version FROM inserted""";

	private static final String INSERT_CHECKS = """
			INSERT INTO status_checks (event_id, component_id, status, response_time_ms, checked_at, source, details)
			SELECT t.event_id, t.component_id, t.status, t.response_time_ms, t.checked_at, 'http', t.details
			FROM unnest(CAST(:events AS uuid[]), CAST(:components AS uuid[]), CAST(:statuses AS text[]),
			    CAST(:times AS bigint[]), CAST(:checked AS timestamptz[]), CAST(:details AS jsonb[]))
			    AS t(event_id, component_id, status, response_time_ms, checked_at, details)""";

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

	@Override
	public Mono<Map<UUID, Versioned>> findVersioned(Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT component_id, version, " + COLUMNS + " FROM component_status WHERE component_id = ANY(:ids)")
			.bind("ids", componentIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("component_id", UUID.class),
					new Versioned(toHealth(row), row.get("version", Long.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	@Override
	public Mono<Map<UUID, Long>> saveIfUnchanged(List<VersionedWrite> writes) {
		if (writes.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql(SAVE_IF_UNCHANGED)
			.bind("ids", writes.stream().map(VersionedWrite::componentId).toArray(UUID[]::new))
			.bind("expected", writes.stream().map(VersionedWrite::expectedVersion).toArray(Long[]::new))
			.bind("statuses", writes.stream().map((w) -> w.health().status().name()).toArray(String[]::new))
			.bind("since", texts(writes, (h) -> h.since()))
			.bind("reasons", writes.stream().map((w) -> w.health().reason()).toArray(String[]::new))
			.bind("failures", writes.stream().map((w) -> w.health().consecutiveFailures()).toArray(Integer[]::new))
			.bind("observed", texts(writes, ComponentHealth::lastObservedAt))
			.bind("received", texts(writes, ComponentHealth::lastReceivedAt))
			.bind("staleAt", texts(writes, ComponentHealth::staleAt))
			.bind("degradations", writes.stream().map((w) -> w.health().degradation()).toArray(String[]::new))
			.bind("httpStatuses", http(writes, (v) -> v.status().name()))
			.bind("httpReasons", http(writes, ComponentHealth.Verdict::reason))
			.bind("httpDegradations", http(writes, ComponentHealth.Verdict::degradation))
			.bind("podsStatuses", pods(writes, (p) -> p.status().name()).toArray(String[]::new))
			.bind("podsReasons", pods(writes, ComponentHealth.PodsVerdict::reason).toArray(String[]::new))
			.bind("podsReady", pods(writes, ComponentHealth.PodsVerdict::ready).toArray(Integer[]::new))
			.bind("podsTotal", pods(writes, ComponentHealth.PodsVerdict::total).toArray(Integer[]::new))
			.bind("podsObserved", pods(writes, (p) -> p.observedAt().toString()).toArray(String[]::new))
			.bind("offsets", writes.stream().map((w) -> micros(w.health().clockOffset())).toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("component_id", UUID.class), row.get("version", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static String[] http(List<VersionedWrite> writes, Function<ComponentHealth.Verdict, String> part) {
		return writes.stream()
			.map((w) -> (w.health().http() != null) ? part.apply(w.health().http()) : null)
			.toArray(String[]::new);
	}

	private static <T> java.util.stream.Stream<T> pods(List<VersionedWrite> writes,
			Function<ComponentHealth.PodsVerdict, T> part) {
		return writes.stream().map((w) -> (w.health().pods() != null) ? part.apply(w.health().pods()) : null);
	}

	private static String[] texts(List<VersionedWrite> writes, Function<ComponentHealth, Instant> instant) {
		return writes.stream()
			.map((w) -> instant.apply(w.health()))
			.map((at) -> (at != null) ? at.toString() : null)
			.toArray(String[]::new);
	}

	@Override
	public Mono<Void> saveChecks(List<CheckRow> checks) {
		if (checks.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql(INSERT_CHECKS)
			.bind("events", checks.stream().map(CheckRow::eventId).toArray(UUID[]::new))
			.bind("components", checks.stream().map(CheckRow::componentId).toArray(UUID[]::new))
			.bind("statuses", checks.stream().map(CheckRow::status).toArray(String[]::new))
			.bind("times", checks.stream().map((c) -> c.probe().latencyMillis()).toArray(Long[]::new))
			.bind("checked", checks.stream().map((c) -> c.probe().observedAt().toString()).toArray(String[]::new))
			.bind("details", checks.stream().map((c) -> details(c.probe())).toArray(String[]::new))
			.then();
	}

	/** What the collector saw beside the outcome (TLS days left, …), then the outcome. */
	private String details(HttpProbe probe) {
		Map<String, Object> details = new LinkedHashMap<>(probe.details());
		if (probe.httpStatus() != null) {
			details.put("httpStatus", probe.httpStatus());
		}
		if (probe.error() != null) {
			details.put("error", probe.error());
		}
		return this.json.writeValueAsString(details);
	}

	private static Long micros(Duration offset) {
		return (offset != null) ? offset.toNanos() / 1000 : null;
	}

	private static ComponentHealth toHealth(Readable row) {
		Long offset = row.get("clock_offset_micros", Long.class);
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
						: null,
				(offset != null) ? Duration.ofNanos(offset * 1000) : null);
	}

	@Override
	public Mono<Void> save(UUID componentId, ComponentHealth health) {
		var spec = this.database.sql("""
				INSERT INTO component_status (component_id, status, since, reason, consecutive_failures,
				    last_observed_at, last_received_at, stale_at, degradation, http_status, http_reason,
				    http_degradation, pods_status, pods_reason, pods_ready, pods_total, pods_observed_at,
				    clock_offset_micros)
				VALUES (:id, :status, :since, :reason, :failures, :observed, :received, :staleAt, :degradation,
				    :httpStatus, :httpReason, :httpDegradation, :podsStatus, :podsReason, :podsReady, :podsTotal,
				    :podsObserved, :offset)
				ON CONFLICT (component_id) DO UPDATE SET status = excluded.status, since = excluded.since,
				    reason = excluded.reason, consecutive_failures = excluded.consecutive_failures,
				    last_observed_at = excluded.last_observed_at, last_received_at = excluded.last_received_at,
				    stale_at = excluded.stale_at, degradation = excluded.degradation,
				    http_status = excluded.http_status, http_reason = excluded.http_reason,
				    http_degradation = excluded.http_degradation, pods_status = excluded.pods_status,
				    pods_reason = excluded.pods_reason, pods_ready = excluded.pods_ready,
				    pods_total = excluded.pods_total, pods_observed_at = excluded.pods_observed_at,
				    clock_offset_micros = excluded.clock_offset_micros, version = component_status.version + 1""")
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
		spec = nullable(spec, "offset", micros(health.clockOffset()), Long.class);
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
				INSERT INTO status_checks (event_id, component_id, checked_at, source, status, pods_ready,
				    pods_total, pod_restarts, details)
				VALUES (:eventId, :componentId, :observedAt, 'pods', :status, :ready, :total, :restarts,
				    CAST(:details AS jsonb))""")
			.bind("eventId", eventId)
			.bind("componentId", componentId)
			.bind("observedAt", check.observedAt())
			.bind("status", status)
			.bind("ready", check.ready())
			.bind("total", check.total())
			.bind("restarts", check.restarts());
		spec = spec.bind("details", this.json.writeValueAsString((details != null) ? details : Map.of()));
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
