package dev.beacon.notifier.delivery.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.delivery.ClaimedDelivery;
import dev.beacon.notifier.delivery.Deliveries;
import dev.beacon.notifier.delivery.Delivery;
import dev.beacon.notifier.delivery.DeliveryStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcDeliveries implements Deliveries {

	private final DatabaseClient database;

	R2dbcDeliveries(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Long> fanOut(UUID applicationId, List<UUID> componentIds, UUID eventId, String eventType,
			String payload) {
		return this.database.sql("""
				INSERT INTO deliveries (id, application_id, subscriber_id, channel, event_id, event_type, payload,
				    status, attempts, next_attempt_at)
				SELECT gen_random_uuid(), s.application_id, s.id, s.type, :eventId, :eventType, :payload,
				    'pending', 0, now()
				FROM subscribers s
				WHERE s.application_id = :applicationId
				  AND (cardinality(s.component_ids) = 0 OR s.component_ids && :componentIds)
				ON CONFLICT ON CONSTRAINT deliveries_dedupe_key DO NOTHING""")
			.bind("applicationId", applicationId)
			.bind("componentIds", componentIds.toArray(UUID[]::new))
			.bind("eventId", eventId)
			.bind("eventType", eventType)
			.bind("payload", payload)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public Flux<ClaimedDelivery> claimDue(int limit, Duration lease, UUID claimToken) {
		return this.database.sql("""
				WITH due AS (
				    SELECT d.id, s.target, s.secret
				    FROM deliveries d LEFT JOIN subscribers s ON s.id = d.subscriber_id
				    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
				    ORDER BY d.next_attempt_at
				    LIMIT :limit
				    FOR UPDATE OF d SKIP LOCKED)
				UPDATE deliveries d
				SET attempts = d.attempts + 1, claim_token = :token,
				    next_attempt_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
				FROM due
				WHERE d.id = due.id
				RETURNING d.id, d.channel, d.event_type, d.payload, d.attempts, due.target, due.secret""")
			.bind("limit", limit)
			.bind("token", claimToken)
			.bind("leaseSeconds", lease.toMillis() / 1000.0)
			.map((row) -> new ClaimedDelivery(row.get("id", UUID.class), row.get("channel", String.class),
					row.get("event_type", String.class), row.get("payload", String.class),
					row.get("attempts", Integer.class), row.get("target", String.class),
					row.get("secret", String.class), claimToken))
			.all();
	}

	@Override
	public Mono<Void> delivered(ClaimedDelivery delivery, Integer httpStatus) {
		var spec = this.database.sql("""
				UPDATE deliveries SET status = 'delivered', delivered_at = now(), updated_at = now(),
				    last_http_status = :httpStatus, last_error = NULL, claim_token = NULL
				WHERE id = :id AND claim_token = :token""");
		return bindStatus(spec, httpStatus).bind("id", delivery.id()).bind("token", delivery.claimToken()).then();
	}

	@Override
	public Mono<Void> retryLater(ClaimedDelivery delivery, Duration delay, Integer httpStatus, String error) {
		var spec = this.database.sql("""
				UPDATE deliveries SET next_attempt_at = now() + make_interval(secs => :delaySeconds),
				    updated_at = now(), last_http_status = :httpStatus, last_error = :error, claim_token = NULL
				WHERE id = :id AND claim_token = :token""");
		return bindStatus(spec, httpStatus).bind("delaySeconds", delay.toMillis() / 1000.0)
			.bind("error", error)
			.bind("id", delivery.id())
			.bind("token", delivery.claimToken())
			.then();
	}

	@Override
	public Mono<Void> failed(ClaimedDelivery delivery, Integer httpStatus, String error) {
		var spec = this.database.sql("""
				UPDATE deliveries SET status = 'failed', updated_at = now(), last_http_status = :httpStatus,
				    last_error = :error, claim_token = NULL
				WHERE id = :id AND claim_token = :token""");
		return bindStatus(spec, httpStatus).bind("error", error)
			.bind("id", delivery.id())
			.bind("token", delivery.claimToken())
			.then();
	}

	@Override
	public Mono<Long> purgeDelivered(Duration olderThan, int batch) {
		return this.database.sql("""
				DELETE FROM deliveries WHERE id IN (
				    SELECT id FROM deliveries
				    WHERE status = 'delivered' AND delivered_at < now() - make_interval(secs => :olderThan)
				    LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.bind("olderThan", (double) olderThan.toSeconds())
			.bind("batch", batch)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public Flux<Delivery> recent(UUID applicationId, int limit) {
		return this.database.sql("""
				SELECT id, subscriber_id, channel, event_id, event_type, status, attempts, last_error,
				    last_http_status, created_at, updated_at, next_attempt_at, delivered_at
				FROM deliveries WHERE application_id = :applicationId
				ORDER BY created_at DESC, id LIMIT :limit""")
			.bind("applicationId", applicationId)
			.bind("limit", limit)
			.map(R2dbcDeliveries::toDelivery)
			.all();
	}

	private static DatabaseClient.GenericExecuteSpec bindStatus(DatabaseClient.GenericExecuteSpec spec,
			Integer httpStatus) {
		return (httpStatus != null) ? spec.bind("httpStatus", httpStatus) : spec.bindNull("httpStatus", Integer.class);
	}

	private static Delivery toDelivery(Readable row) {
		DeliveryStatus status = DeliveryStatus.of(row.get("status", String.class));
		return new Delivery(row.get("id", UUID.class), row.get("subscriber_id", UUID.class),
				row.get("channel", String.class), row.get("event_id", UUID.class), row.get("event_type", String.class),
				status, row.get("attempts", Integer.class), row.get("last_error", String.class),
				row.get("last_http_status", Integer.class), row.get("created_at", Instant.class),
				row.get("updated_at", Instant.class),
				(status == DeliveryStatus.PENDING) ? row.get("next_attempt_at", Instant.class) : null,
				row.get("delivered_at", Instant.class));
	}

}
