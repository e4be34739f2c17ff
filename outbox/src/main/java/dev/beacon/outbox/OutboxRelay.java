package dev.beacon.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes outbox rows in insertion order and deletes them once Kafka has acknowledged
 * them (the producers are synchronous). A transaction-scoped advisory lock makes one
 * replica relay at a time, which keeps per-key order. A crash between send and delete
 * re-sends: delivery is at least once and every consumer is idempotent.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private static final long LOCK_KEY = 0x6265_6163_6f6eL;

	private static final int BATCH = 200;

	private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final StreamBridge streamBridge;

	private final OutboxProperties properties;

	private final String topicPrefix;

	private final String source;

	private volatile Disposable polling;

	private volatile Instant pausedUntil = Instant.MIN;

	OutboxRelay(DatabaseClient database, TransactionalOperator transactions, StreamBridge streamBridge,
			OutboxProperties properties, String topicPrefix, String source) {
		this.database = database;
		this.transactions = transactions;
		this.streamBridge = streamBridge;
		this.properties = properties;
		this.topicPrefix = topicPrefix;
		this.source = source;
	}

	@Override
	public void start() {
		this.polling = Flux.interval(this.properties.pollInterval())
			.onBackpressureDrop()
			.filter((tick) -> !Instant.now().isBefore(this.pausedUntil))
			.concatMap((tick) -> relayBatch().onErrorResume(this::pauseAfter), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.polling;
		return current != null && !current.isDisposed();
	}

	/** Relays one batch; emits how many rows were published. */
	Mono<Integer> relayBatch() {
		Mono<Integer> batch = this.database.sql("SELECT pg_try_advisory_xact_lock(:key)")
			.bind("key", LOCK_KEY)
			.map((row) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> pending().concatMap((row) -> send(row).thenReturn(row.id())).collectList())
			.flatMap(this::delete)
			.defaultIfEmpty(0);
		return this.transactions.transactional(batch);
	}

	private Flux<OutboxRow> pending() {
		return this.database.sql(
				"SELECT id, topic, message_key, event_type, event_id, occurred_at, payload FROM outbox ORDER BY id LIMIT "
						+ BATCH)
			.map((row) -> new OutboxRow(row.get("id", Long.class), row.get("topic", String.class),
					row.get("message_key", String.class), row.get("event_type", String.class),
					row.get("event_id", UUID.class), row.get("occurred_at", Instant.class),
					row.get("payload", String.class)))
			.all();
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
		return Mono.fromRunnable(() -> {
			if (!this.streamBridge.send(destination, message)) {
				throw new IllegalStateException("Kafka did not accept outbox row " + row.id() + " for " + destination);
			}
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	private Mono<Integer> delete(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(0);
		}
		return this.database.sql("DELETE FROM outbox WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.fetch()
			.rowsUpdated()
			.thenReturn(ids.size());
	}

	/**
	 * A broker or database that is down is not asked again at every tick, nor logged at
	 * every tick.
	 */
	private Mono<Integer> pauseAfter(Throwable failure) {
		this.pausedUntil = Instant.now().plus(PAUSE_AFTER_FAILURE);
		logger.warn("Outbox relay failed; the batch stays in the outbox and is retried in {} s: {}",
				PAUSE_AFTER_FAILURE.toSeconds(), failure.toString());
		return Mono.just(0);
	}

	private record OutboxRow(long id, String topic, String key, String type, UUID eventId, Instant occurredAt,
			String payload) {
	}

}
