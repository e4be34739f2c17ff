package dev.beacon.incident.detection.persistence;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
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

	/**
	 * Upserts unless the stored status is newer. An equally old one is replaced only by a
	 * different status, so a repeated change (with a new event id) counts once. An
	 * unknown status keeps the last known one.
	 */
	@Override
	public Mono<Boolean> record(ComponentStatusChanged change) {
		var spec = this.database.sql("""
				INSERT INTO component_states (component_id, application_id, name, status, since, reason, known_status)
				VALUES (:component, :application, :name, :status, :since, :reason, NULLIF(:status, 'unknown'))
				ON CONFLICT (component_id) DO UPDATE SET application_id = excluded.application_id,
				    name = excluded.name, status = excluded.status, since = excluded.since, reason = excluded.reason,
				    known_status = COALESCE(excluded.known_status, component_states.known_status)
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
	public Mono<ComponentStatus> knownStatus(UUID componentId) {
		return this.database.sql("SELECT known_status FROM component_states WHERE component_id = :component")
			.bind("component", componentId)
			.map((row) -> Optional.ofNullable(row.get("known_status", String.class)))
			.one()
			.flatMap(Mono::justOrEmpty)
			.map(R2dbcComponentStates::status);
	}

	@Override
	public Mono<Map<UUID, ComponentStatus>> statusesOf(UUID applicationId) {
		return this.database
			.sql("SELECT component_id, COALESCE(known_status, status) AS status FROM component_states "
					+ "WHERE application_id = :application")
			.bind("application", applicationId)
			.map((row) -> Map.entry(row.get("component_id", UUID.class), status(row.get("status", String.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static ComponentStatus status(String value) {
		return ComponentStatus.valueOf(value.toUpperCase(Locale.ROOT));
	}

	private static String value(ComponentStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

}
