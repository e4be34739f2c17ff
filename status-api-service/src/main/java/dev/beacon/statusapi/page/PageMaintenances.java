package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;

/** The maintenance windows a page shows. */
public interface PageMaintenances {

	/**
	 * Windows not completed, and those completed since {@code completedSince}, by
	 * scheduled start, latest first.
	 */
	Flux<PageMaintenance> shown(UUID applicationId, Instant completedSince);

}
