package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Inbox;
import dev.beacon.outbox.Outbox;
import dev.beacon.statusapi.registry.Applications;
import dev.beacon.statusapi.registry.RegisteredComponent;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies observations: stores each as a status check, derives the component's status,
 * and publishes a status change when it changed. One transaction per observation, so a
 * redelivered observation changes nothing. Observations are applied in the order they
 * arrive and stamped with the time they arrived; see {@link ComponentHealth} for how a
 * late one is told apart.
 */
@Service
public class StatusRecorder {

	private final ComponentHealthStore store;

	private final Applications applications;

	private final Inbox inbox;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	StatusRecorder(ComponentHealthStore store, Applications applications, Inbox inbox, Outbox outbox,
			TransactionalOperator transactions) {
		this.store = store;
		this.applications = applications;
		this.inbox = inbox;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	public Mono<Void> record(ObservationRecorded observation) {
		boolean pods = observation.source() == ObservationRecorded.Source.PODS;
		Mono<Void> work = this.inbox.firstDelivery(observation.eventId())
			.filter(Boolean::booleanValue)
			.flatMap((first) -> this.applications.findComponent(observation.componentId()))
			.filter((monitored) -> pods ? monitored.component().kubernetes() != null
					: monitored.component().httpCheck() != null)
			.flatMap((monitored) -> apply(monitored, observation));
		return this.transactions.transactional(work);
	}

	private Mono<Void> apply(RegisteredComponent monitored, ObservationRecorded observation) {
		UUID componentId = observation.componentId();
		return this.store.findForUpdate(componentId)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.zipWhen((found) -> this.store.now())
			.flatMap((found) -> {
				Instant receivedAt = found.getT2();
				ComponentHealth previous = found.getT1().orElseGet(() -> ComponentHealth.unobserved(receivedAt));
				Evaluated evaluated = evaluate(monitored, observation, previous, receivedAt);
				ComponentHealth next = evaluated.health();
				Mono<Void> saved = evaluated.check().then(this.store.save(componentId, next));
				if (!next.changedFrom(previous)) {
					return saved;
				}
				ComponentStatusChanged changed = new ComponentStatusChanged(UUID.randomUUID(), Instant.now(),
						monitored.applicationId(), componentId, monitored.component().name(), previous.status(),
						next.status(), next.since(), next.reason(), next.degradation());
				return saved.then(this.outbox.append(Topics.STATUS_CHANGES, componentId.toString(), changed));
			});
	}

	/**
	 * The health after the observation, by its source's evaluation ({@link HttpProbe},
	 * {@link PodCheck}), and the status check that stores it.
	 */
	private Evaluated evaluate(RegisteredComponent monitored, ObservationRecorded observation, ComponentHealth previous,
			Instant receivedAt) {
		UUID componentId = observation.componentId();
		if (observation.source() == ObservationRecorded.Source.PODS) {
			PodCheck pods = PodCheck.of(observation.observedAt(), observation.podsReady(), observation.podsTotal(),
					observation.podRestarts(), observation.details());
			return new Evaluated(previous.afterPods(monitored.component().kubernetes(), pods, receivedAt),
					this.store.savePodCheck(observation.eventId(), componentId, pods, observation.details(),
							pods.verdict().name().toLowerCase(Locale.ROOT)));
		}
		HttpProbe probe = new HttpProbe(observation.observedAt(), observation.httpStatus(), observation.latencyMillis(),
				observation.error());
		var check = monitored.component().httpCheck();
		return new Evaluated(previous.afterHttpProbe(check, probe, receivedAt), this.store.saveCheck(
				observation.eventId(), componentId, probe, probe.verdict(check).name().toLowerCase(Locale.ROOT)));
	}

	private record Evaluated(ComponentHealth health, Mono<Void> check) {
	}

}
