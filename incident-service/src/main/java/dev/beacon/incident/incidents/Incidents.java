package dev.beacon.incident.incidents;

import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where incidents and their timelines are kept. */
public interface Incidents {

	/**
	 * The application's incidents, newest first: at most {@code limit}, after skipping
	 * {@code offset}.
	 */
	Flux<Incident> findByApplication(UUID applicationId, long offset, int limit);

	Mono<Incident> find(UUID applicationId, UUID incidentId);

	/** Loads an incident to change it, locking it until the transaction ends. */
	Mono<Incident> lock(UUID applicationId, UUID incidentId);

	/**
	 * Loads the application's open detected incident (there is at most one), locked like
	 * {@link #lock}.
	 */
	Mono<Incident> lockOpenDetected(UUID applicationId);

	/**
	 * Stores a new or changed incident with its unsaved updates and components. Fails
	 * with a {@link org.springframework.dao.ConcurrencyFailureException} if someone else
	 * changed it since it was loaded.
	 */
	Mono<Void> save(Incident incident);

	/** How many incidents are open, by who opened them (a source with none is absent). */
	Mono<Map<Source, Long>> countOpen();

}
