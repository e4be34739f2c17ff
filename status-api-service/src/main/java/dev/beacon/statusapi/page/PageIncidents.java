package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The page's copy of incidents, kept from incident events. */
public interface PageIncidents {

	/**
	 * Keeps the snapshot unless a newer version of the incident is already kept, and the
	 * event's update in the incident's timeline.
	 */
	Mono<Void> upsert(IncidentChanged event);

	/** Incidents not yet resolved, newest first, without their timeline. */
	Flux<PageIncident> unresolved(UUID applicationId);

	/**
	 * Incidents resolved since {@code since}, latest resolved first, without timeline.
	 */
	Flux<PageIncident> resolvedSince(UUID applicationId, Instant since);

	/** The timelines of these incidents, newest update first. */
	Flux<PageIncident.Update> updates(UUID incidentId);

}
