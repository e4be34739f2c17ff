package dev.beacon.statusapi.page;

import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The page's copy of incidents, kept from incident events. */
public interface PageIncidents {

	/** Keeps the snapshot unless a newer version of the incident is already kept. */
	Mono<Void> upsert(IncidentChanged event);

	/** Incidents not yet resolved, newest first. */
	Flux<PageIncident> unresolved(UUID applicationId);

}
