package dev.beacon.incident.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** Which components each application has, as the catalog last defined it. */
public interface ApplicationComponents {

	/**
	 * Replaces the application's components with {@code componentIds}, unless a
	 * definition newer than {@code definedAt} is already known (a redelivered older event
	 * changes nothing).
	 */
	Mono<Void> define(UUID applicationId, Collection<UUID> componentIds, Instant definedAt);

	/** Forgets a deleted application: its components can no longer be named. */
	Mono<Void> forget(UUID applicationId);

	/** The application's components; empty when the catalog has not defined it. */
	Mono<Set<UUID>> of(UUID applicationId);

	/**
	 * Completes when every one of {@code componentIds} is the application's own; fails
	 * with a {@link ForeignComponentsException} naming those that are not.
	 */
	default Mono<Void> requireOwn(UUID applicationId, Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.empty();
		}
		return of(applicationId).flatMap((known) -> {
			List<UUID> foreign = componentIds.stream().filter((id) -> !known.contains(id)).toList();
			return foreign.isEmpty() ? Mono.empty() : Mono.error(new ForeignComponentsException(foreign));
		});
	}

}
