package dev.beacon.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes outbox rows and deletes each one as soon as Kafka acknowledged it (the
 * producers are synchronous), one row per transaction. Per key, rows go out in insertion
 * order: only the oldest row of each topic and key is eligible, so a row that fails holds
 * back the later rows of its key and nothing else. A row that keeps failing is moved to
 * {@code outbox_failed} after {@code beacon.outbox.max-attempts} attempts, and the rows
 * of its key flow again. A transaction-scoped advisory lock lets one replica relay at a
 * time. A crash between send and delete sends again: delivery is at least once and every
 * consumer is idempotent.
 * <p>
 * The relay runs when woken ({@link #wake()}, after a commit that appended to the outbox,
 * or a PostgreSQL notification from any replica) and every
 * {@code beacon.outbox.poll-interval} as a fallback. Every run refreshes the
 * {@code beacon.outbox.depth} and {@code beacon.outbox.age} gauges.
 */
final class OutboxRelay extends Periodic {

	static final String NOTIFICATION_CHANNEL = "beacon_outbox";

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private static final long LOCK_KEY = 0x6265_6163_6f6eL;

	/** Rows one pass publishes at most before it lets the gauges refresh. */
	private static final int ROWS_PER_PASS = 1000;

	private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

	private static final Duration RETRY_MARGIN = Duration.ofMillis(100);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final StreamBridge streamBridge;

	private final OutboxProperties properties;

	private final String topicPrefix;

	private final String source;

	private final MeterRegistry meters;

	private final OutboxTracing tracing;

	/**
	 * Acknowledged sends so far: tells whether the broker answered since a row failed.
	 */
	private final AtomicLong published = new AtomicLong();

	private final Map<Long, Long> publishedAtLastFailure = new ConcurrentHashMap<>();

	private final AtomicLong depth = new AtomicLong();

	private final AtomicLong ageSeconds = new AtomicLong();

	private final AtomicLong quarantined = new AtomicLong();

	OutboxRelay(DatabaseClient database, TransactionalOperator transactions, StreamBridge streamBridge,
			OutboxProperties properties, String topicPrefix, String source, MeterRegistry meters,
			OutboxTracing tracing) {
		super("Relaying the outbox", Duration.ZERO, properties.pollInterval());
		this.database = database;
		this.transactions = transactions;
		this.streamBridge = streamBridge;
		this.properties = properties;
		this.topicPrefix = topicPrefix;
		this.source = source;
		this.meters = meters;
		this.tracing = tracing;
		Gauge.builder("beacon.outbox.depth", this.depth, AtomicLong::get)
			.description("Rows waiting in the outbox")
			.register(meters);
		Gauge.builder("beacon.outbox.age", this.ageSeconds, AtomicLong::get)
			.description("Age of the oldest row waiting in the outbox")
			.baseUnit("seconds")
			.register(meters);
		Gauge.builder("beacon.outbox.quarantine.depth", this.quarantined, AtomicLong::get)
			.description("Rows moved to outbox_failed")
			.register(meters);
	}

	@Override
	protected Mono<?> runOnce() {
		return relayAll().then(refreshGauges()).onErrorResume(this::pauseAfter);
	}

	/** Relays every eligible row; emits how many rows were published or moved aside. */
	Mono<Long> relayAll() {
		return relayOne().expand((relayed) -> relayOne()).take(ROWS_PER_PASS).count();
	}

	/**
	 * Publishes the oldest eligible row in a transaction of its own; empty when there is
	 * none, or when another replica holds the lock.
	 */
	private Mono<Boolean> relayOne() {
		Mono<Boolean> work = this.database.sql("SELECT pg_try_advisory_xact_lock(:key)")
			.bind("key", LOCK_KEY)
			.map((row) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> next())
			.flatMap((row) -> send(row).then(delete(row))
				.onErrorResume(SendFailed.class, (failure) -> failed(row, failure.getCause())));
		return this.transactions.transactional(work);
	}

	private Mono<OutboxRow> next() {
		return this.database.sql("""
				SELECT o.id, o.topic, o.message_key, o.event_type, o.event_id, o.occurred_at, o.payload, o.attempts,
				    o.trace_parent
				FROM outbox o
				WHERE (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
				  AND NOT EXISTS (SELECT 1 FROM outbox earlier
				                  WHERE earlier.topic = o.topic AND earlier.message_key = o.message_key
				                    AND earlier.id < o.id)
				ORDER BY o.id LIMIT 1""")
			.map((row) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
					row.get("message_key", String.class), row.get("event_type", String.class),
					row.get("event_id", UUID.class), row.get("occurred_at", Instant.class),
					row.get("payload", String.class), row.get("attempts", Integer.class),
					row.get("trace_parent", String.class)))
			.one();
	}

	private Mono<Void> send(OutboxRow row) {
		// a row without payload is a tombstone: KafkaNull makes the binder send a null
		// value
		Object payload = (row.payload() != null) ? row.payload().getBytes(StandardCharsets.UTF_8) : KafkaNull.INSTANCE;
		Message<Object> message = MessageBuilder.withPayload(payload)
			.setHeader(KafkaHeaders.KEY, row.key().getBytes(StandardCharsets.UTF_8))
			.setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE)
			.setHeader("ce_specversion", "1.0")
			.setHeader("ce_id", row.eventId().toString())
			.setHeader("ce_type", "dev.beacon." + row.type())
			.setHeader("ce_source", this.source)
			.setHeader("ce_time", row.occurredAt().toString())
			.build();
		String destination = this.topicPrefix + row.topic();
		return Mono.<Void>fromRunnable(() -> {
			boolean accepted;
			try {
				accepted = this.tracing.continuing(row.traceParent(), row.topic(),
						() -> this.streamBridge.send(destination, message));
			}
			catch (RuntimeException ex) {
				throw new SendFailed(ex);
			}
			if (!accepted) {
				throw new SendFailed(new IllegalStateException("Kafka did not accept the row for " + destination));
			}
			this.published.incrementAndGet();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Boolean> delete(OutboxRow row) {
		this.publishedAtLastFailure.remove(row.id());
		return this.database.sql("DELETE FROM outbox WHERE id = :id").bind("id", row.id()).then().thenReturn(true);
	}

	/**
	 * Records a failed attempt. It counts towards quarantine when the failure belongs to
	 * the row (Kafka refused it for good: too large, invalid topic, …), or when the
	 * broker acknowledged another row since this one last failed; a broker that is down
	 * for everyone makes no row fail for good.
	 */
	private Mono<Boolean> failed(OutboxRow row, Throwable failure) {
		long publishedNow = this.published.get();
		Long before = this.publishedAtLastFailure.put(row.id(), publishedNow);
		boolean counted = belongsToTheRow(failure) || (before != null && publishedNow > before);
		int attempts = row.attempts() + (counted ? 1 : 0);
		String error = describe(failure);
		if (attempts >= this.properties.maxAttempts()) {
			return quarantine(row, attempts, error);
		}
		Duration delay = this.properties.retryDelay(Math.max(attempts, 1));
		logger.warn("Outbox row {} ({} on {}) failed (attempt {} of {} counted), retried in {} ms: {}", row.id(),
				row.type(), row.topic(), attempts, this.properties.maxAttempts(), delay.toMillis(), error);
		return this.database.sql("""
				UPDATE outbox SET attempts = :attempts, last_error = :error,
				    next_attempt_at = now() + make_interval(secs => :delay)
				WHERE id = :id""")
			.bind("attempts", attempts)
			.bind("error", error)
			.bind("delay", delay.toMillis() / 1000.0)
			.bind("id", row.id())
			.then()
			.doOnSuccess((done) -> wakeWhenDue(delay))
			.thenReturn(true);
	}

	/**
	 * Runs the relay again once a failed row is due, rather than at the next poll: a
	 * little after, so the row's retry time has passed in the database too.
	 */
	private void wakeWhenDue(Duration delay) {
		wakeAfter(delay.plus(RETRY_MARGIN));
	}

	private Mono<Boolean> quarantine(OutboxRow row, int attempts, String error) {
		this.publishedAtLastFailure.remove(row.id());
		logger.error("Outbox row {} ({} {} on {}, key {}) failed {} times and was moved to outbox_failed: {}", row.id(),
				row.type(), row.eventId(), row.topic(), row.key(), attempts, error);
		return this.database.sql("""
				WITH moved AS (DELETE FROM outbox WHERE id = :id RETURNING *)
				INSERT INTO outbox_failed (id, topic, message_key, event_type, event_id, occurred_at, payload,
				    attempts, error, created_at)
				SELECT id, topic, message_key, event_type, event_id, occurred_at, payload, :attempts, :error, created_at
				FROM moved""")
			.bind("id", row.id())
			.bind("attempts", attempts)
			.bind("error", error)
			.then()
			.doOnSuccess((done) -> Counter.builder("beacon.outbox.quarantined")
				.description("Outbox rows moved to outbox_failed after failing too often")
				.tag("topic", row.topic())
				.register(this.meters)
				.increment())
			.thenReturn(true);
	}

	private static boolean belongsToTheRow(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ApiException && !(cause instanceof RetriableException)) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = root.getClass().getName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
		return (text.length() > 1000) ? text.substring(0, 1000) : text;
	}

	private Mono<Void> refreshGauges() {
		return this.database.sql("""
				SELECT count(*) AS depth,
				    coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age,
				    (SELECT count(*) FROM outbox_failed) AS quarantined
				FROM outbox""").map((row) -> {
			this.depth.set(row.get("depth", Long.class));
			this.ageSeconds.set(row.get("age", Long.class));
			this.quarantined.set(row.get("quarantined", Long.class));
			return row;
		}).one().then();
	}

	/**
	 * A database that is down is not asked again at every wake-up, nor logged at every
	 * one: the relay waits, the wake-ups that arrive meanwhile fold into one run, and it
	 * runs again after the pause whether woken or not.
	 */
	private Mono<Void> pauseAfter(Throwable failure) {
		logger.warn("Outbox relay failed; the rows stay in the outbox and are retried in {} s: {}",
				PAUSE_AFTER_FAILURE.toSeconds(), failure.toString());
		return Mono.delay(PAUSE_AFTER_FAILURE).doOnSuccess((done) -> wake()).then();
	}

	/** Kafka did not take a row: the row's fault or the broker's, not the database's. */
	private static final class SendFailed extends RuntimeException {

		SendFailed(Throwable cause) {
			super(cause);
		}

	}

	private record OutboxRow(long id, String topic, String key, String type, UUID eventId, Instant occurredAt,
			String payload, int attempts, String traceParent) {
	}

}
