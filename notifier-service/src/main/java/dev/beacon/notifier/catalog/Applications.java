package dev.beacon.notifier.catalog;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** The applications the catalog defined. */
public interface Applications {

	/**
	 * Keeps the definition unless a newer one is already kept (the catalog topic may
	 * replay older ones).
	 */
	Mono<Void> define(Application application);

	/** Forgets the application; nothing happens when it is unknown. */
	Mono<Void> forget(UUID applicationId);

	Mono<Application> find(UUID applicationId);

	/** The application whose page has this address, if any. */
	Mono<Application> findBySlug(String slug);

}
