package dev.beacon.incident.detection.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.incident.detection.ComponentState;
import dev.beacon.incident.detection.ComponentStates;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcComponentStates implements ComponentStates {

	/**
	 * The first key of the two-key advisory locks taken here. Two-key locks live apart
	 * from the one-key lock of the outbox relay; the second key is the application id's
	 * hash.
	 */
	private static final int DETECTION_LOCK = 0x696e6364;

	private final DatabaseClient database;

	R2dbcComponentStates(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Void> lockApplication(UUID applicationId) {
		return this.database.sql("SELECT pg_advisory_xact_lock(:namespace, :key)")
			.bind("namespace", DETECTION_LOCK)
			.bind("key", applicationId.hashCode())
			.fetch()
			.rowsUpdated()
			.then();
	}

	@Override
	public Mono<Boolean> tryLockApplication(UUID applicationId) {
		return this.database.sql("SELECT pg_try_advisory_xact_lock(:namespace, :key) AS locked")
			.bind("namespace", DETECTION_LOCK)
			.bind("key", applicationId.hashCode())
			.map((row) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one();
	}

	/**
	 * Upserts unless the stored status is newer. An equally old one is replaced only by a
	 * different status, so a repeated change (with a new event id) counts once. An
	 * unknown status keeps the last known one and the failure's start; a failing status
	 * keeps the start of a failure already running; any other status ends it.
	 */
	@Override
	public Mono<Boolean> record(ComponentStatusChanged change) {
		var spec = this.database.sql("""
				INSERT INTO component_states (component_id, application_id, name, status, since, reason, known_status,
				    failing_since)
				VALUES (:component, :application, :name, :status, :since, :reason, NULLIF(:status, 'unknown'),
				    CASE WHEN :status IN ('degraded', 'outage') THEN CAST(:since AS timestamptz) END)
				ON CONFLICT (component_id) DO UPDATE SET application_id = excluded.application_id,
				    name = COALESCE(excluded.name, component_states.name), status = excluded.status,
				    since = excluded.since, reason = excluded.reason,
				    known_status = COALESCE(excluded.known_status, component_states.known_status),
				    failing_since = CASE
				        WHEN excluded.status = 'unknown' THEN component_states.failing_since
				        WHEN excluded.status IN ('degraded', 'outage') THEN
				            CASE WHEN component_states.known_status IN ('degraded', 'outage')
				                THEN COALESCE(component_states.failing_since, excluded.since)
				                ELSE excluded.since END
				        ELSE NULL END
				WHERE component_states.since < excluded.since
				    OR (component_states.since = excluded.since AND component_states.status <> excluded.status)""")
			.bind("component", change.componentId())
			.bind("application", change.applicationId())
			.bind("status", value(change.current()))
			.bind("since", change.since());
		spec = (change.componentName() != null) ? spec.bind("name", change.componentName())
				: spec.bindNull("name", String.class);
		spec = (change.reason() != null) ? spec.bind("reason", change.reason()) : spec.bindNull("reason", String.class);
		return spec.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	@Override
	public Mono<List<ComponentState>> statesOf(UUID applicationId) {
		return this.database
			.sql("SELECT component_id, name, status, since, reason, known_status, failing_since FROM component_states "
					+ "WHERE application_id = :application")
			.bind("application", applicationId)
			.map((row) -> new ComponentState(row.get("component_id", UUID.class), row.get("name", String.class),
					status(row.get("status", String.class)), row.get("since", Instant.class),
					row.get("reason", String.class), status(row.get("known_status", String.class)),
					row.get("failing_since", Instant.class)))
			.all()
			.collectList();
	}

	private static ComponentStatus status(String value) {
		return (value != null) ? ComponentStatus.valueOf(value.toUpperCase(Locale.ROOT)) : null;
	}

	private static String value(ComponentStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

}
