package dev.beacon.notifier.subscriber;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where subscribers and the hashes of their link tokens are kept. */
public interface Subscribers {

	/**
	 * Adds the subscriber; emits false, adding nothing, when the address already has a
	 * subscription to the page or a pending confirmation anywhere.
	 */
	Mono<Boolean> insert(Subscriber subscriber);

	/**
	 * Removes unconfirmed subscriptions of {@code address} whose time to confirm is over.
	 */
	Mono<Long> removeExpiredConfirmations(String address, Instant now);

	/**
	 * Removes up to {@code batch} unconfirmed subscriptions whose time to confirm is
	 * over.
	 */
	Mono<Long> purgeExpiredConfirmations(Instant now, int batch);

	Mono<Long> countByApplication(UUID applicationId);

	/** The application's subscribers, oldest first. */
	Flux<Subscriber> findByApplication(UUID applicationId);

	Mono<Subscriber> find(UUID subscriberId);

	/**
	 * Removes the subscriber; emits false when the application has no such subscriber.
	 */
	Mono<Boolean> delete(UUID applicationId, UUID subscriberId);

	/** Removes the subscriber, whatever its application; emits false when absent. */
	Mono<Boolean> delete(UUID subscriberId);

	/** Removes every subscriber of the application. */
	Mono<Long> deleteByApplication(UUID applicationId);

	/** Marks the address confirmed (once); emits false when it was already confirmed. */
	Mono<Boolean> confirm(UUID subscriberId, Instant now);

	/** Replaces a webhook subscriber's secret; emits false when there is no such one. */
	Mono<Boolean> replaceSecret(UUID applicationId, UUID subscriberId, String secret);

	/**
	 * Keeps the hash of a token issued for the subscriber. Unsubscribe tokens are written
	 * together with others minted meanwhile, outside any transaction of the caller.
	 */
	Mono<Void> saveToken(byte[] tokenHash, UUID subscriberId, TokenPurpose purpose, Instant expiresAt);

	/** The token with this hash issued for this purpose, if any. */
	Mono<IssuedToken> findToken(byte[] tokenHash, TokenPurpose purpose);

	/** A token as kept: its subscriber and when it stops working (null: never). */
	record IssuedToken(UUID subscriberId, Instant expiresAt) {
	}

}
