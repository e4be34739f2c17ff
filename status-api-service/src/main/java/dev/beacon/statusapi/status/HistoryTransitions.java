package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.history.HistoryStore.Transition;
import dev.beacon.statusapi.history.StatusKind;
import reactor.core.publisher.Mono;

/**
 * Writes a component's status change into its history, in the transaction that makes it.
 */
final class HistoryTransitions {

	private HistoryTransitions() {
	}

	/**
	 * A new interval when the status (or its degradation kind) changed: from the status's
	 * {@code since}, or from {@code at} when only the kind changed.
	 */
	static Mono<Void> record(HistoryStore history, UUID componentId, ComponentHealth previous, ComponentHealth next,
			Instant at) {
		Transition transition = of(componentId, previous, next, at);
		return (transition != null) ? history.transitions(List.of(transition)) : Mono.empty();
	}

	/** The transition of the change, or null when the kind of status stays. */
	static Transition of(UUID componentId, ComponentHealth previous, ComponentHealth next, Instant at) {
		if (!next.kindChangedFrom(previous)) {
			return null;
		}
		Instant from = next.changedFrom(previous) ? next.since() : at;
		return new Transition(componentId, from, StatusKind.of(next.status(), next.degradation()), next.reason());
	}

}
