package dev.beacon.statusapi.status;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where component health and the raw status checks are kept. */
public interface ComponentHealthStore {

	Mono<ComponentHealth> find(UUID componentId);

	Mono<Void> save(UUID componentId, ComponentHealth health);

	/** Stores one raw observation; a repeated event id is ignored. */
	Mono<Void> saveCheck(UUID eventId, UUID componentId, HttpProbe probe, String status);

}
