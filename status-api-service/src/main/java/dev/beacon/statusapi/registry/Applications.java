package dev.beacon.statusapi.registry;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where applications are kept. */
public interface Applications {

	/**
	 * Inserts a new application; fails with {@link ApplicationConflictException} on a
	 * taken id or slug.
	 */
	Mono<Application> insert(Application application);

	Mono<Application> findById(UUID id);

	Mono<Application> findBySlug(String slug);

	/** The component with this id, with the id of the application it belongs to. */
	Mono<RegisteredComponent> findComponent(UUID componentId);

}
