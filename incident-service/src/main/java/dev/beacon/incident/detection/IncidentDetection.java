package dev.beacon.incident.detection;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.incident.detection.IncidentDetector.Situation;
import dev.beacon.incident.incidents.Incident;
import dev.beacon.incident.incidents.IncidentService;
import dev.beacon.incident.incidents.Incidents;
import dev.beacon.outbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs the {@link IncidentDetector} for one application, in a transaction that holds the
 * application's detection lock: after a status change (guarded by the inbox, so a
 * redelivered event changes nothing), when one of its timers is due, and when a
 * maintenance starts or ends. The incident it opens or changes and the timers it keeps
 * are stored in that transaction, so a restart loses and repeats nothing.
 */
@Service
public class IncidentDetection {

	private static final Logger logger = LoggerFactory.getLogger(IncidentDetection.class);

	private final ComponentStates states;

	private final Incidents incidents;

	private final IncidentService incidentService;

	private final DetectionTimers timers;

	private final MaintenanceWindows maintenance;

	private final Inbox inbox;

	private final TransactionalOperator transactions;

	private final IncidentDetector detector;

	IncidentDetection(ComponentStates states, Incidents incidents, IncidentService incidentService,
			DetectionTimers timers, MaintenanceWindows maintenance, Inbox inbox, TransactionalOperator transactions,
			DetectionProperties properties) {
		this.states = states;
		this.incidents = incidents;
		this.incidentService = incidentService;
		this.timers = timers;
		this.maintenance = maintenance;
		this.inbox = inbox;
		this.transactions = transactions;
		this.detector = new IncidentDetector(properties);
	}

	/** Records a status change and decides what it means for the application. */
	public Mono<Void> apply(ComponentStatusChanged change) {
		Mono<Void> work = this.inbox.firstDelivery(change.eventId())
			.filter(Boolean::booleanValue)
			.flatMap((first) -> this.states.lockApplication(change.applicationId())
				.then(catchUp(change.applicationId(), change.since()))
				.then(this.states.record(change)))
			.filter((recorded) -> {
				if (!recorded) {
					logger.debug("Ignoring status change {} of {}: a newer status is known", change.eventId(),
							change.componentId());
				}
				return recorded;
			})
			.flatMap((recorded) -> decide(change.applicationId()));
		return this.transactions.transactional(work);
	}

	/**
	 * Decides again for the application, waiting for its lock; joins the caller's
	 * transaction (a maintenance that starts or ends).
	 */
	public Mono<Void> reconsider(UUID applicationId) {
		return this.transactions.transactional(this.states.lockApplication(applicationId).then(decide(applicationId)));
	}

	/**
	 * Decides again for an application whose timer is due, unless another transaction (a
	 * status change, another replica's sweep) holds its lock: that one decides itself and
	 * keeps the timer. Emits whether it decided.
	 */
	Mono<Boolean> reconsiderIfFree(UUID applicationId) {
		Mono<Boolean> work = this.states.tryLockApplication(applicationId)
			.flatMap((locked) -> locked ? decide(applicationId).thenReturn(true) : Mono.just(false));
		return this.transactions.transactional(work);
	}

	/**
	 * Decides first when a timer of the application fell due before {@code until}: a
	 * status change that arrives late (after a backlog) then meets the situation as it
	 * was before it happened — an incident whose hold ended before the relapse is
	 * resolved, and the relapse opens an incident of its own, as it would have without
	 * the delay.
	 */
	private Mono<Void> catchUp(UUID applicationId, Instant until) {
		if (until == null) {
			return Mono.empty();
		}
		return this.timers.find(applicationId)
			.filter((timer) -> timer.dueAt() != null && timer.dueAt().isBefore(until))
			.flatMap((timer) -> decide(applicationId));
	}

	private Mono<Void> decide(UUID applicationId) {
		Mono<Optional<Incident>> open = this.incidents.lockOpenDetected(applicationId)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		return Mono
			.zip(this.states.statesOf(applicationId), this.maintenance.componentsUnderMaintenance(applicationId), open,
					this.timers.find(applicationId))
			.map((found) -> this.detector.decide(new Situation(applicationId, found.getT1(), found.getT2(),
					found.getT3().orElse(null), found.getT4(), this.incidentService.now())))
			.flatMap((outcome) -> Mono.justOrEmpty(outcome.incident())
				.flatMap(this.incidentService::store)
				.then(this.timers.save(applicationId, outcome.timer())));
	}

}
