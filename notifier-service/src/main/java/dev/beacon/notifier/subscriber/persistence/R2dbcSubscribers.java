package dev.beacon.notifier.subscriber.persistence;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.batching.GroupCommit;
import dev.beacon.notifier.subscriber.Subscriber;
import dev.beacon.notifier.subscriber.Subscribers;
import dev.beacon.notifier.subscriber.TokenPurpose;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcSubscribers implements Subscribers {

	private static final String COLUMNS = "id, application_id, type, target, secret, component_ids, created_at, "
			+ "confirmed_at, confirm_expires_at";

	private final DatabaseClient database;

	private final GroupCommit<NewToken> unsubscribeTokens = new GroupCommit<>(this::saveAll, this::saveOne, 500, 2);

	R2dbcSubscribers(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Boolean> insert(Subscriber subscriber) {
		var spec = this.database.sql("INSERT INTO subscribers (" + COLUMNS + ") VALUES (:id, :applicationId, :type, "
				+ ":target, :secret, :componentIds, :createdAt, :confirmedAt, :confirmExpiresAt) ON CONFLICT DO NOTHING")
			.bind("id", subscriber.id())
			.bind("applicationId", subscriber.applicationId())
			.bind("type", subscriber.type())
			.bind("target", subscriber.target())
			.bind("componentIds", subscriber.componentIds().toArray(UUID[]::new))
			.bind("createdAt", subscriber.createdAt());
		spec = (subscriber.secret() != null) ? spec.bind("secret", subscriber.secret())
				: spec.bindNull("secret", String.class);
		spec = (subscriber.confirmedAt() != null) ? spec.bind("confirmedAt", subscriber.confirmedAt())
				: spec.bindNull("confirmedAt", Instant.class);
		spec = (subscriber.confirmExpiresAt() != null) ? spec.bind("confirmExpiresAt", subscriber.confirmExpiresAt())
				: spec.bindNull("confirmExpiresAt", Instant.class);
		return spec.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	@Override
	public Mono<Long> removeExpiredConfirmations(String address, Instant now) {
		return this.database.sql("""
				DELETE FROM subscribers WHERE type = 'email' AND lower(target) = :address AND confirmed_at IS NULL
				  AND confirm_expires_at <= :now""").bind("address", address).bind("now", now).fetch().rowsUpdated();
	}

	@Override
	public Mono<Long> purgeExpiredConfirmations(Instant now, int batch) {
		return this.database.sql("""
				WITH gone AS (
				    DELETE FROM subscribers WHERE id IN (
				        SELECT id FROM subscribers WHERE confirmed_at IS NULL AND confirm_expires_at <= :now
				        LIMIT :batch FOR UPDATE SKIP LOCKED)
				    RETURNING id),
				old_links AS (
				    DELETE FROM subscription_tokens WHERE token_hash IN (
				        SELECT token_hash FROM subscription_tokens WHERE expires_at <= :now
				        LIMIT :batch FOR UPDATE SKIP LOCKED)
				    RETURNING token_hash)
				SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM old_links) AS purged""")
			.bind("now", now)
			.bind("batch", batch)
			.map((row) -> row.get("purged", Long.class))
			.one();
	}

	@Override
	public Mono<Long> countByApplication(UUID applicationId) {
		return this.database.sql("SELECT count(*) AS n FROM subscribers WHERE application_id = :applicationId")
			.bind("applicationId", applicationId)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	@Override
	public Flux<Subscriber> findByApplication(UUID applicationId) {
		return this.database
			.sql("SELECT " + COLUMNS + " FROM subscribers WHERE application_id = :applicationId "
					+ "ORDER BY created_at, id")
			.bind("applicationId", applicationId)
			.map(R2dbcSubscribers::toSubscriber)
			.all();
	}

	@Override
	public Mono<Subscriber> find(UUID subscriberId) {
		return this.database.sql("SELECT " + COLUMNS + " FROM subscribers WHERE id = :id")
			.bind("id", subscriberId)
			.map(R2dbcSubscribers::toSubscriber)
			.one();
	}

	@Override
	public Mono<Boolean> delete(UUID applicationId, UUID subscriberId) {
		return this.database.sql("DELETE FROM subscribers WHERE application_id = :applicationId AND id = :id")
			.bind("applicationId", applicationId)
			.bind("id", subscriberId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<Boolean> delete(UUID subscriberId) {
		return this.database.sql("DELETE FROM subscribers WHERE id = :id")
			.bind("id", subscriberId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<Long> deleteByApplication(UUID applicationId) {
		return this.database.sql("DELETE FROM subscribers WHERE application_id = :applicationId")
			.bind("applicationId", applicationId)
			.fetch()
			.rowsUpdated();
	}

	@Override
	public Mono<Boolean> confirm(UUID subscriberId, Instant now) {
		return this.database
			.sql("UPDATE subscribers SET confirmed_at = :now WHERE id = :id AND confirmed_at IS NULL "
					+ "AND confirm_expires_at > :now")
			.bind("id", subscriberId)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<Boolean> replaceSecret(UUID applicationId, UUID subscriberId, String secret) {
		return this.database
			.sql("UPDATE subscribers SET secret = :secret WHERE application_id = :applicationId AND id = :id "
					+ "AND secret IS NOT NULL")
			.bind("secret", secret)
			.bind("applicationId", applicationId)
			.bind("id", subscriberId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	@Override
	public Mono<Void> saveToken(byte[] tokenHash, UUID subscriberId, TokenPurpose purpose, Instant expiresAt) {
		NewToken token = new NewToken(tokenHash, subscriberId, purpose, expiresAt);
		// every mail mints an unsubscribe link: a fan-out's are written together
		return (purpose == TokenPurpose.UNSUBSCRIBE && expiresAt != null) ? this.unsubscribeTokens.submit(token)
				: saveOne(token);
	}

	private Mono<Void> saveOne(NewToken token) {
		var spec = this.database
			.sql("INSERT INTO subscription_tokens (token_hash, subscriber_id, purpose, expires_at) "
					+ "VALUES (:hash, :subscriberId, :purpose, :expiresAt)")
			.bind("hash", token.hash())
			.bind("subscriberId", token.subscriberId())
			.bind("purpose", token.purpose().value());
		spec = (token.expiresAt() != null) ? spec.bind("expiresAt", token.expiresAt())
				: spec.bindNull("expiresAt", Instant.class);
		return spec.then();
	}

	/** Tokens of one purpose that all expire, in one statement. */
	private Mono<Void> saveAll(List<NewToken> tokens) {
		return this.database.sql("""
				INSERT INTO subscription_tokens (token_hash, subscriber_id, purpose, expires_at)
				SELECT decode(t.hash, 'hex'), t.subscriber_id, :purpose, to_timestamp(t.expires_ms / 1000.0)
				FROM unnest(:hashes, :subscriberIds, :expires) AS t(hash, subscriber_id, expires_ms)""")
			.bind("purpose", tokens.get(0).purpose().value())
			.bind("hashes",
					tokens.stream().map((token) -> HexFormat.of().formatHex(token.hash())).toArray(String[]::new))
			.bind("subscriberIds", tokens.stream().map(NewToken::subscriberId).toArray(UUID[]::new))
			.bind("expires", tokens.stream().map((token) -> token.expiresAt().toEpochMilli()).toArray(Long[]::new))
			.then();
	}

	@Override
	public Mono<IssuedToken> findToken(byte[] tokenHash, TokenPurpose purpose) {
		return this.database
			.sql("SELECT subscriber_id, expires_at FROM subscription_tokens WHERE token_hash = :hash "
					+ "AND purpose = :purpose")
			.bind("hash", tokenHash)
			.bind("purpose", purpose.value())
			.map((row) -> new IssuedToken(row.get("subscriber_id", UUID.class), row.get("expires_at", Instant.class)))
			.one();
	}

	private static Subscriber toSubscriber(Readable row) {
		UUID[] components = row.get("component_ids", UUID[].class);
		return new Subscriber(row.get("id", UUID.class), row.get("application_id", UUID.class),
				row.get("type", String.class), row.get("target", String.class), row.get("secret", String.class),
				(components != null) ? List.of(components) : List.of(), row.get("created_at", Instant.class),
				row.get("confirmed_at", Instant.class), row.get("confirm_expires_at", Instant.class));
	}

	private record NewToken(byte[] hash, UUID subscriberId, TokenPurpose purpose, Instant expiresAt) {
	}

}
