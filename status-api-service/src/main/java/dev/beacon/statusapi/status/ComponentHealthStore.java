package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

	/**
	 * The health of each of these components that has any, with its version, in one
	 * query.
	 */
	Mono<Map<UUID, Versioned>> findVersioned(Collection<UUID> componentIds);

	/**
	 * Writes each health only over the version it was derived from (an expected version
	 * of null: only if the component has no row yet), in one statement; emits the new
	 * version of each component written. A component missing from the answer was changed
	 * meanwhile by another writer, and nothing was written for it.
	 */
	Mono<Map<UUID, Long>> saveIfUnchanged(List<VersionedWrite> writes);

	/**
	 * Stores raw observations in one statement. Call it once per event id: the inbox
	 * keeps redeliveries out (raw checks are partitioned by day, so no unique index spans
	 * them).
	 */
	Mono<Void> saveChecks(List<CheckRow> checks);

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

	/** A component's health at a version of its row. */
	record Versioned(ComponentHealth health, long version) {
	}

	/**
	 * A health to write over {@code expectedVersion} (null: the component has no row
	 * yet).
	 */
	record VersionedWrite(UUID componentId, Long expectedVersion, ComponentHealth health) {
	}

	/** One raw observation to store. */
	record CheckRow(UUID eventId, UUID componentId, HttpProbe probe, String status) {
	}

	/** A component that {@link #markStale} turned unknown. */
	record StaleComponent(UUID applicationId, UUID componentId, String name, ComponentStatus previous, Instant since) {
	}

}
