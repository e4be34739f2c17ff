package dev.beacon.incident.detection.persistence;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.incident.detection.DetectionTimers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcDetectionTimers implements DetectionTimers {

	private final DatabaseClient database;

	R2dbcDetectionTimers(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Timer> find(UUID applicationId) {
		return this.database.sql("SELECT due_at, hold_until FROM detection_timers WHERE application_id = :application")
			.bind("application", applicationId)
			.map((row) -> new Timer(row.get("due_at", Instant.class), row.get("hold_until", Instant.class)))
			.one()
			.defaultIfEmpty(Timer.NONE);
	}

	@Override
	public Mono<Void> save(UUID applicationId, Timer timer) {
		if (timer.dueAt() == null && timer.holdUntil() == null) {
			return this.database.sql("DELETE FROM detection_timers WHERE application_id = :application")
				.bind("application", applicationId)
				.then();
		}
		var spec = this.database
			.sql("""
					INSERT INTO detection_timers (application_id, due_at, hold_until) VALUES (:application, :due, :hold)
					ON CONFLICT (application_id) DO UPDATE SET due_at = excluded.due_at, hold_until = excluded.hold_until""")
			.bind("application", applicationId);
		spec = (timer.dueAt() != null) ? spec.bind("due", timer.dueAt()) : spec.bindNull("due", Instant.class);
		spec = (timer.holdUntil() != null) ? spec.bind("hold", timer.holdUntil())
				: spec.bindNull("hold", Instant.class);
		return spec.then();
	}

	@Override
	public Flux<UUID> due(Instant now, int limit) {
		return this.database
			.sql("SELECT application_id FROM detection_timers WHERE due_at <= :now ORDER BY due_at LIMIT " + limit)
			.bind("now", now)
			.map((row) -> row.get("application_id", UUID.class))
			.all();
	}

}
