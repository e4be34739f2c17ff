package dev.beacon.notifier.subscriber;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where subscribers are kept. */
public interface Subscribers {

	Mono<Subscriber> insert(Subscriber subscriber);

	/** The application's subscribers, oldest first. */
	Flux<Subscriber> findByApplication(UUID applicationId);

	/**
	 * Removes the subscriber; emits false when the application has no such subscriber.
	 */
	Mono<Boolean> delete(UUID applicationId, UUID subscriberId);

}
