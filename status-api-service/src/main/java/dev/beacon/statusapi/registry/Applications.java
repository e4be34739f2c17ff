package dev.beacon.statusapi.registry;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where applications are kept. */
public interface Applications {

	/**
	 * Inserts a new application; fails with {@link ApplicationConflictException} on a
	 * taken id, slug or custom domain.
	 */
	Mono<Application> insert(Application application);

	/**
	 * Stores {@code application} whole over the one with its id: components it no longer
	 * has are removed (with their status), the others kept or added; fails with
	 * {@link ApplicationConflictException} on a taken slug or custom domain.
	 */
	Mono<Application> update(Application application);

	/**
	 * Removes the application with its components, their status and the page's incidents;
	 * emits whether there was one.
	 */
	Mono<Boolean> delete(UUID id);

	Mono<Application> findById(UUID id);

	/** Finds the application and locks it until the transaction ends. */
	Mono<Application> findForUpdate(UUID id);

	Mono<Application> findBySlug(String slug);

	/** The components with these ids that exist, by id, in one query. */
	Mono<Map<UUID, RegisteredComponent>> findComponents(Collection<UUID> componentIds);

	/** The component with this id, with the id of the application it belongs to. */
	Mono<RegisteredComponent> findComponent(UUID componentId);

}
