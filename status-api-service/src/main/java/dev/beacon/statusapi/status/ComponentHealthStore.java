package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where component health and the raw status checks are kept. */
public interface ComponentHealthStore {

	/**
	 * The component's health, locked until the transaction ends so that neither another
	 * observation nor the staleness sweep changes it meanwhile.
	 */
	Mono<ComponentHealth> findForUpdate(UUID componentId);

	/** The health of each of these components that has any, in one query. */
	Mono<Map<UUID, ComponentHealth>> findAll(Collection<UUID> componentIds);

	Mono<Void> save(UUID componentId, ComponentHealth health);

	/** Stores one raw observation; a repeated event id is ignored. */
	Mono<Void> saveCheck(UUID eventId, UUID componentId, HttpProbe probe, String status);

	/**
	 * Stores one raw observation of a component's pods with what else the collector saw
	 * ({@code details}, may be null); a repeated event id is ignored.
	 */
	Mono<Void> savePodCheck(UUID eventId, UUID componentId, PodCheck check, Map<String, Object> details, String status);

	/**
	 * The receiver's clock: the database's, one clock for every replica. Read it after
	 * {@link #findForUpdate}, so that it is later than any change the lock waited for.
	 */
	Mono<Instant> now();

	/**
	 * Turns up to {@code limit} components whose data went stale (their {@code staleAt}
	 * passed, by the database's clock) unknown since their {@code staleAt}, with
	 * {@code reason}, and emits each. A component locked by another transaction is left
	 * for the next sweep, so concurrent sweeps never turn one component twice.
	 */
	Flux<StaleComponent> markStale(int limit, String reason);

	/** A component that {@link #markStale} turned unknown. */
	record StaleComponent(UUID applicationId, UUID componentId, String name, ComponentStatus previous, Instant since) {
	}

}
