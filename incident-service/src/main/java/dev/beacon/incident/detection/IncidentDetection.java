package dev.beacon.incident.detection;

import java.util.Optional;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
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
 * Applies status changes: records the component's latest status and lets the
 * {@link IncidentDetector} open, join or resolve the application's detected incident. One
 * transaction per event, guarded by the inbox, so a redelivered event changes nothing.
 */
@Service
public class IncidentDetection {

	private static final Logger logger = LoggerFactory.getLogger(IncidentDetection.class);

	private final ComponentStates states;

	private final Incidents incidents;

	private final IncidentService incidentService;

	private final Inbox inbox;

	private final TransactionalOperator transactions;

	private final IncidentDetector detector = new IncidentDetector();

	IncidentDetection(ComponentStates states, Incidents incidents, IncidentService incidentService, Inbox inbox,
			TransactionalOperator transactions) {
		this.states = states;
		this.incidents = incidents;
		this.incidentService = incidentService;
		this.inbox = inbox;
		this.transactions = transactions;
	}

	public Mono<Void> apply(ComponentStatusChanged change) {
		Mono<Void> work = this.inbox.firstDelivery(change.eventId())
			.filter(Boolean::booleanValue)
			.flatMap((first) -> this.states.lockApplication(change.applicationId()).then(knownBefore(change)))
			.flatMap((known) -> recordUnlessOutdated(change)
				.filter((recorded) -> this.detector.concerns(change.current()))
				.flatMap((recorded) -> detect(change, known)));
		return this.transactions.transactional(work);
	}

	/** The component's last known status before this change, read before recording it. */
	private Mono<Optional<ComponentStatus>> knownBefore(ComponentStatusChanged change) {
		return this.states.knownStatus(change.componentId()).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	private Mono<Boolean> recordUnlessOutdated(ComponentStatusChanged change) {
		return this.states.record(change).filter((recorded) -> {
			if (!recorded) {
				logger.debug("Ignoring status change {} of {}: a newer status is known", change.eventId(),
						change.componentId());
			}
			return recorded;
		});
	}

	private Mono<Void> detect(ComponentStatusChanged change, Optional<ComponentStatus> knownBefore) {
		Mono<Optional<Incident>> open = this.incidents.lockOpenDetected(change.applicationId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		return open
			.flatMap((incident) -> this.states.statusesOf(change.applicationId())
				.flatMap((statuses) -> Mono.justOrEmpty(this.detector.detect(change, knownBefore.orElse(null),
						incident.orElse(null), statuses, IncidentService.now()))))
			.flatMap(this.incidentService::store)
			.then();
	}

}
