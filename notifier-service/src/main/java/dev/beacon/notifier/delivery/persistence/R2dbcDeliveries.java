package dev.beacon.notifier.delivery.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.notifier.batching.GroupCommit;
import dev.beacon.notifier.delivery.ClaimedDelivery;
import dev.beacon.notifier.delivery.Deliveries;
import dev.beacon.notifier.delivery.Deliveries.TimelineEntry;
import dev.beacon.notifier.delivery.Delivery;
import dev.beacon.notifier.delivery.DeliveryStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcDeliveries implements Deliveries {

	/** The most deliveries recorded as delivered by one statement. */
	static final int MAX_GROUP = 500;

	private final DatabaseClient database;

	// a fan-out ends thousands of attempts within seconds: their outcomes are written
	// together, on at most two connections, instead of one statement each
	private final GroupCommit<Outcome> delivered = new GroupCommit<>(this::deliveredAll, this::deliveredOne, MAX_GROUP,
			2);

	R2dbcDeliveries(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Due times are spread over the last 10 ms at random: claims take due rows in order,
	 * and rows due at the same instant come in the order they were written (subscriber
	 * after subscriber, one webhook host after another), so a claim would hold one host's
	 * deliveries, most of them parked behind its bound while other hosts wait.
	 */
	@Override
	public Mono<Long> fanOut(UUID applicationId, List<UUID> componentIds, List<String> channels, UUID eventId,
			String eventType, String payload) {
		return this.database.sql("""
				INSERT INTO deliveries (id, application_id, subscriber_id, channel, event_id, event_type, payload,
				    status, attempts, next_attempt_at)
				SELECT gen_random_uuid(), s.application_id, s.id, s.type, :eventId, :eventType, :payload,
				    'pending', 0, now() - random() * interval '10 milliseconds'
				FROM subscribers s
				WHERE s.application_id = :applicationId AND s.confirmed_at IS NOT NULL AND s.type = ANY(:channels)
				  AND (cardinality(s.component_ids) = 0 OR s.component_ids && :componentIds)
				ON CONFLICT ON CONSTRAINT deliveries_dedupe_key DO NOTHING""")
			.bind("applicationId", applicationId)
			.bind("componentIds", componentIds.toArray(UUID[]::new))
			.bind("channels", channels.toArray(String[]::new))
			.bind("eventId", eventId)
			.bind("eventType", eventType)
			.bind("payload", payload)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public Mono<Void> add(UUID applicationId, UUID subscriberId, String channel, UUID eventId, String eventType,
			String payload) {
		return this.database.sql("""
				INSERT INTO deliveries (id, application_id, subscriber_id, channel, event_id, event_type, payload,
				    status, attempts, next_attempt_at)
				VALUES (gen_random_uuid(), :applicationId, :subscriberId, :channel, :eventId, :eventType, :payload,
				    'pending', 0, now())
				ON CONFLICT ON CONSTRAINT deliveries_dedupe_key DO NOTHING""")
			.bind("applicationId", applicationId)
			.bind("subscriberId", subscriberId)
			.bind("channel", channel)
			.bind("eventId", eventId)
			.bind("eventType", eventType)
			.bind("payload", payload)
			.then();
	}

	@Override
	public Flux<ClaimedDelivery> claimDue(int limit, Duration lease, UUID claimToken) {
		return this.database
			.sql("""
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
					RETURNING d.id, d.subscriber_id, d.channel, d.event_type, d.payload, d.attempts, d.created_at, due.target,
					   due.secret""")
			.bind("limit", limit)
			.bind("token", claimToken)
			.bind("leaseSeconds", lease.toMillis() / 1000.0)
			.map((row) -> new ClaimedDelivery(row.get("id", UUID.class), row.get("subscriber_id", UUID.class),
					row.get("channel", String.class), row.get("event_type", String.class),
					row.get("payload", String.class), row.get("attempts", Integer.class),
					row.get("created_at", Instant.class), row.get("target", String.class),
					row.get("secret", String.class), claimToken))
			.all();
	}

	@Override
	public Mono<Void> delivered(ClaimedDelivery delivery, Integer httpStatus) {
		return this.delivered.submit(new Outcome(delivery.id(), delivery.claimToken(), httpStatus));
	}

	/**
	 * Records many deliveries as delivered in one statement, each with its claim's token.
	 */
	private Mono<Void> deliveredAll(List<Outcome> outcomes) {
		return this.database.sql("""
				UPDATE deliveries d SET status = 'delivered', delivered_at = now(), updated_at = now(),
				    last_http_status = nullif(o.http_status, 0), last_error = NULL, claim_token = NULL
				FROM unnest(:ids, :tokens, :statuses) AS o(id, token, http_status)
				WHERE d.id = o.id AND d.claim_token = o.token""")
			.bind("ids", outcomes.stream().map(Outcome::id).toArray(UUID[]::new))
			.bind("tokens", outcomes.stream().map(Outcome::claimToken).toArray(UUID[]::new))
			// 0 for none: an array of integers with nulls is not bound by every driver
			// version
			.bind("statuses",
					outcomes.stream()
						.map((outcome) -> (outcome.httpStatus() != null) ? outcome.httpStatus() : 0)
						.toArray(Integer[]::new))
			.then();
	}

	private Mono<Void> deliveredOne(Outcome outcome) {
		var spec = this.database.sql("""
				UPDATE deliveries SET status = 'delivered', delivered_at = now(), updated_at = now(),
				    last_http_status = :httpStatus, last_error = NULL, claim_token = NULL
				WHERE id = :id AND claim_token = :token""");
		return bindStatus(spec, outcome.httpStatus()).bind("id", outcome.id())
			.bind("token", outcome.claimToken())
			.then();
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
	public Mono<Void> postpone(ClaimedDelivery delivery, Duration delay, String error) {
		var spec = this.database.sql("""
				UPDATE deliveries SET next_attempt_at = now() + make_interval(secs => :delaySeconds),
				    attempts = attempts - 1, updated_at = now(), claim_token = NULL,
				    last_error = coalesce(:error, last_error)
				WHERE id = :id AND claim_token = :token""");
		spec = (error != null) ? spec.bind("error", error) : spec.bindNull("error", String.class);
		return spec.bind("delaySeconds", delay.toMillis() / 1000.0)
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

	@Override
	public Mono<Duration> untilNextDue() {
		return this.database.sql("""
				SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::bigint AS millis
				FROM deliveries WHERE status = 'pending'""")
			.map((row) -> Optional.ofNullable(row.get("millis", Long.class)))
			.one()
			.flatMap(Mono::justOrEmpty)
			.map((millis) -> Duration.ofMillis(Math.max(millis, 0)));
	}

	@Override
	public Mono<Long> countPending() {
		return this.database.sql("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'")
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	@Override
	public Mono<Void> forgetApplication(UUID applicationId) {
		return this.database.sql("DELETE FROM deliveries WHERE application_id = :applicationId")
			.bind("applicationId", applicationId)
			.then()
			.then(this.database.sql("DELETE FROM incident_updates WHERE application_id = :applicationId")
				.bind("applicationId", applicationId)
				.then())
			.then(this.database.sql("DELETE FROM component_statuses WHERE application_id = :applicationId")
				.bind("applicationId", applicationId)
				.then());
	}

	@Override
	public Flux<TimelineEntry> recordTimeline(UUID applicationId, UUID incidentId, TimelineEntry entry) {
		Mono<Void> keep = (entry == null) ? Mono.empty()
				: this.database.sql("""
						INSERT INTO incident_updates (update_id, incident_id, application_id, status, body, created_at)
						VALUES (:id, :incidentId, :applicationId, :status, :body, :createdAt)
						ON CONFLICT (update_id) DO NOTHING""")
					.bind("id", entry.id())
					.bind("incidentId", incidentId)
					.bind("applicationId", applicationId)
					.bind("status", entry.status())
					.bind("body", entry.body())
					.bind("createdAt", entry.createdAt())
					.then();
		return keep.thenMany(this.database
			.sql("SELECT update_id, status, body, created_at FROM incident_updates WHERE incident_id = :incidentId "
					+ "ORDER BY created_at DESC, update_id LIMIT 100")
			.bind("incidentId", incidentId)
			.map((row) -> new TimelineEntry(row.get("update_id", UUID.class), row.get("status", String.class),
					row.get("body", String.class), row.get("created_at", Instant.class)))
			.all());
	}

	/** A delivered attempt, guarded by its claim's token. */
	private record Outcome(UUID id, UUID claimToken, Integer httpStatus) {
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
