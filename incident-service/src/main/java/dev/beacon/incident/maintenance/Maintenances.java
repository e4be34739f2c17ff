package dev.beacon.incident.maintenance;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where scheduled maintenance is kept. */
public interface Maintenances {

	/** The application's maintenance, latest start first, one page. */
	Flux<Maintenance> findByApplication(UUID applicationId, long offset, int limit);

	Mono<Maintenance> find(UUID applicationId, UUID maintenanceId);

	/** Loads one to change it, locked until the transaction ends. */
	Mono<Maintenance> lock(UUID applicationId, UUID maintenanceId);

	/**
	 * Locks up to {@code limit} maintenances whose start or end has come by {@code now},
	 * skipping any another transaction holds (another replica is on it).
	 */
	Flux<Maintenance> lockDue(Instant now, int limit);

	/**
	 * Stores a new or changed one; fails with a
	 * {@link org.springframework.dao.ConcurrencyFailureException} if it changed since it
	 * was loaded.
	 */
	Mono<Void> save(Maintenance maintenance);

}
