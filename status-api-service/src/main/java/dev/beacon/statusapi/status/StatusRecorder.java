package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Inbox;
import dev.beacon.outbox.Outbox;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.history.HistoryStore.Transition;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.RegisteredComponent;
import dev.beacon.statusapi.registry.RegisteredComponents;
import dev.beacon.statusapi.status.ComponentHealthStore.CheckRow;
import dev.beacon.statusapi.status.ComponentHealthStore.Versioned;
import dev.beacon.statusapi.status.ComponentHealthStore.VersionedWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies observations a batch at a time, in one transaction: the inbox takes the batch's
 * event ids in one statement (a redelivered observation changes nothing), the raw checks
 * go in with one multi-row insert, and each component's new health is written once, only
 * over the version it was derived from. The health of the components of this replica's
 * partitions is kept in memory ({@link ComponentStates}); a component another writer
 * changed meanwhile (a zombie after a rebalance, a second consumer, the staleness sweep)
 * makes the whole batch roll back and apply again over what is stored, so a stale writer
 * changes nothing. Observations are applied in the order they arrive, status changes are
 * appended to the outbox in that order; how one observation changes a component's health
 * is {@link ComponentHealth#afterHttpProbe} (with {@link HttpProbe}'s verdict), whatever
 * the batching.
 */
@Service
public class StatusRecorder {

	private static final Logger logger = LoggerFactory.getLogger(StatusRecorder.class);

	/**
	 * A batch that meets changed state this many times in a row fails (and is retried
	 * later).
	 */
	static final int STALE_ATTEMPTS = 5;

	private final ComponentHealthStore store;

	private final RegisteredComponents components;

	private final Inbox inbox;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final HistoryStore history;

	private final ComponentStates states;

	StatusRecorder(ComponentHealthStore store, RegisteredComponents components, Inbox inbox, Outbox outbox,
			TransactionalOperator transactions, HistoryStore history, ComponentStates states) {
		this.store = store;
		this.components = components;
		this.inbox = inbox;
		this.outbox = outbox;
		this.transactions = transactions;
		this.history = history;
		this.states = states;
	}

	/** An observation and the partition it came from (-1 when unknown). */
	public record Received(ObservationRecorded observation, int partition) {
	}

	public Mono<Void> record(ObservationRecorded observation) {
		return record(List.of(new Received(observation, -1)));
	}

	/** Applies a batch of observations in one transaction. */
	public Mono<Void> record(List<Received> batch) {
		return attempt(batch, 1);
	}

	private Mono<Void> attempt(List<Received> batch, int attempt) {
		Map<UUID, Integer> partitions = new HashMap<>();
		batch.forEach((received) -> partitions.put(received.observation().componentId(), received.partition()));
		return this.transactions.transactional(apply(batch))
			.doOnNext((written) -> written
				.forEach((id, state) -> this.states.put(id, partitions.getOrDefault(id, -1), state)))
			.then()
			.onErrorResume(StaleStateException.class, (stale) -> {
				this.states.forget(stale.componentIds());
				if (attempt >= STALE_ATTEMPTS) {
					return Mono.error(new OptimisticLockingFailureException(stale.getMessage(), stale));
				}
				logger.debug("Applying a batch again: {}", stale.getMessage());
				return attempt(batch, attempt + 1);
			})
			.doOnError((failure) -> this.states.forget(partitions.keySet()));
	}

	private Mono<Map<UUID, Versioned>> apply(List<Received> batch) {
		List<ObservationRecorded> observations = batch.stream().map(Received::observation).toList();
		if (observations.isEmpty()) {
			return Mono.just(Map.of());
		}
		Set<UUID> eventIds = new LinkedHashSet<>();
		observations.forEach((observation) -> eventIds.add(observation.eventId()));
		return this.inbox.firstDeliveries(eventIds).flatMap((first) -> {
			Set<UUID> taken = new HashSet<>();
			List<ObservationRecorded> fresh = observations.stream()
				.filter((observation) -> first.contains(observation.eventId()) && taken.add(observation.eventId()))
				.toList();
			if (fresh.isEmpty()) {
				return Mono.just(Map.of());
			}
			Set<UUID> componentIds = new LinkedHashSet<>();
			fresh.forEach((observation) -> componentIds.add(observation.componentId()));
			return Mono.zip(this.components.find(componentIds), states(componentIds), this.store.now())
				.flatMap((found) -> applyInOrder(fresh, found.getT1(), found.getT2(), found.getT3()));
		});
	}

	/**
	 * The known state of each component: kept in memory, or read (all missing ones at
	 * once).
	 */
	private Mono<Map<UUID, Versioned>> states(Set<UUID> componentIds) {
		Map<UUID, Versioned> known = new HashMap<>();
		List<UUID> missing = new ArrayList<>();
		for (UUID id : componentIds) {
			Versioned kept = this.states.get(id);
			if (kept != null) {
				known.put(id, kept);
			}
			else {
				missing.add(id);
			}
		}
		if (missing.isEmpty()) {
			return Mono.just(known);
		}
		return this.store.findVersioned(missing).map((read) -> {
			known.putAll(read);
			return known;
		});
	}

	private Mono<Map<UUID, Versioned>> applyInOrder(List<ObservationRecorded> observations,
			Map<UUID, RegisteredComponent> components, Map<UUID, Versioned> before, Instant receivedAt) {
		Map<UUID, ComponentHealth> current = new HashMap<>();
		List<CheckRow> checks = new ArrayList<>();
		List<Mono<Void>> podChecks = new ArrayList<>();
		List<Transition> transitions = new ArrayList<>();
		List<Mono<Void>> changes = new ArrayList<>();
		for (ObservationRecorded observation : observations) {
			UUID componentId = observation.componentId();
			RegisteredComponent monitored = components.get(componentId);
			boolean pods = observation.source() == ObservationRecorded.Source.PODS;
			if (monitored == null || (pods ? monitored.component().kubernetes() == null
					: monitored.component().httpCheck() == null)) {
				logger.debug("Ignoring {} observation of {}: not monitored that way", observation.source(),
						componentId);
				continue;
			}
			ComponentHealth previous = current.computeIfAbsent(componentId, (id) -> (before.get(id) != null)
					? before.get(id).health() : ComponentHealth.unobserved(receivedAt));
			ComponentHealth next;
			if (pods) {
				PodCheck check = PodCheck.of(observation.observedAt(), observation.podsReady(), observation.podsTotal(),
						observation.podRestarts(), observation.details());
				next = previous.afterPods(monitored.component().kubernetes(), check, receivedAt);
				podChecks.add(this.store.savePodCheck(observation.eventId(), componentId, check, observation.details(),
						check.verdict().name().toLowerCase(Locale.ROOT)));
			}
			else {
				HttpCheck check = monitored.component().httpCheck();
				HttpProbe probe = new HttpProbe(observation.observedAt(), observation.httpStatus(),
						observation.latencyMillis(), observation.error(), observation.details());
				next = previous.afterHttpProbe(check, probe, receivedAt);
				checks.add(new CheckRow(observation.eventId(), componentId, probe,
						probe.verdict(check).name().toLowerCase(Locale.ROOT)));
			}
			Transition transition = HistoryTransitions.of(componentId, previous, next, receivedAt);
			if (transition != null) {
				transitions.add(transition);
			}
			if (next.changedFrom(previous)) {
				ComponentStatusChanged changed = new ComponentStatusChanged(UUID.randomUUID(), Instant.now(),
						monitored.applicationId(), componentId, monitored.component().name(), previous.status(),
						next.status(), next.since(), next.reason(), next.degradation());
				changes.add(this.outbox.append(Topics.STATUS_CHANGES, componentId.toString(), changed));
			}
			current.put(componentId, next);
		}
		List<VersionedWrite> writes = current.entrySet()
			.stream()
			.map((entry) -> new VersionedWrite(entry.getKey(),
					(before.get(entry.getKey()) != null) ? before.get(entry.getKey()).version() : null,
					entry.getValue()))
			.toList();
		// the history in a few statements for the whole batch and the status changes in
		// order, then the conditional write of the components' health last: it marks the
		// pages of changed components dirty (V10's triggers), which locks each page's row
		// until the commit, and every other batch that changes a component of that page
		// waits for it. A stale write rolls all of it back.
		return this.store.saveChecks(checks)
			.then(Flux.concat(podChecks).then())
			.then(this.history.transitions(transitions))
			.then(Flux.concat(changes).then())
			.then(this.store.saveIfUnchanged(writes))
			.flatMap((versions) -> {
				if (versions.size() < writes.size()) {
					Set<UUID> stale = new HashSet<>(current.keySet());
					stale.removeAll(versions.keySet());
					return Mono.error(new StaleStateException(stale));
				}
				Map<UUID, Versioned> written = new HashMap<>();
				versions.forEach((id, version) -> written.put(id, new Versioned(current.get(id), version)));
				return Mono.just(written);
			});
	}

}
