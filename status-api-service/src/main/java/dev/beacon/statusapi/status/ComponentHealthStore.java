package dev.beacon.statusapi.status;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where component health and the raw status checks are kept. */
public interface ComponentHealthStore {

	Mono<ComponentHealth> find(UUID componentId);

	/** The health of each of these components that has any, in one query. */
	Mono<Map<UUID, ComponentHealth>> findAll(Collection<UUID> componentIds);

	Mono<Void> save(UUID componentId, ComponentHealth health);

	/** Stores one raw observation; a repeated event id is ignored. */
	Mono<Void> saveCheck(UUID eventId, UUID componentId, HttpProbe probe, String status);

}
