package dev.beacon.incident.incidents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.incident.catalog.ApplicationComponents;
import dev.beacon.outbox.Outbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Declares, updates and lists incidents. Every change is stored together with its
 * {@code IncidentChanged} events in the outbox, in one transaction.
 */
@Service
public class IncidentService {

	/** How many incidents a list shows; older ones stay stored. */
	static final int LIST_LIMIT = 100;

	private final Incidents incidents;

	private final ApplicationComponents components;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	IncidentService(Incidents incidents, ApplicationComponents components, Outbox outbox,
			TransactionalOperator transactions) {
		this.incidents = incidents;
		this.components = components;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	public Flux<Incident> list(UUID applicationId) {
		return this.incidents.findByApplication(applicationId, LIST_LIMIT);
	}

	public Mono<Incident> find(UUID applicationId, UUID incidentId) {
		return this.incidents.find(applicationId, incidentId)
			.switchIfEmpty(Mono.error(() -> new IncidentNotFoundException(incidentId)));
	}

	/**
	 * Declares an incident. Its components must be the application's own, as the catalog
	 * defines them.
	 * @throws ForeignComponentsException (in the {@code Mono}) naming those that are not
	 */
	public Mono<Incident> declare(UUID applicationId, String title, IncidentStatus status, Impact impact, String body,
			Collection<UUID> componentIds) {
		Mono<Void> owned = componentIds.isEmpty() ? Mono.empty()
				: this.components.of(applicationId).flatMap((known) -> {
					List<UUID> foreign = componentIds.stream().filter((id) -> !known.contains(id)).toList();
					return foreign.isEmpty() ? Mono.empty() : Mono.error(new ForeignComponentsException(foreign));
				});
		return owned
			.then(Mono
				.fromCallable(() -> Incident.declare(applicationId, title, status, impact, body, componentIds, now())))
			.flatMap(this::store);
	}

	/**
	 * Posts an update to an incident; see {@link Incident#addUpdate} for what it may
	 * change.
	 */
	public Mono<Incident> update(UUID applicationId, UUID incidentId, IncidentStatus status, String body,
			Impact impact) {
		Mono<Incident> update = this.incidents.lock(applicationId, incidentId)
			.switchIfEmpty(Mono.error(() -> new IncidentNotFoundException(incidentId)))
			.flatMap((incident) -> {
				incident.addUpdate(status, body, impact, now());
				return store(incident);
			});
		return this.transactions.transactional(update);
	}

	/**
	 * Stores the incident and appends the events of its changes to the outbox, keyed by
	 * application. Joins the caller's transaction when there is one.
	 */
	public Mono<Incident> store(Incident incident) {
		Mono<Incident> stored = this.incidents.save(incident)
			.thenMany(Flux.fromIterable(incident.changes()))
			.concatMap((change) -> this.outbox.append(Topics.INCIDENTS, incident.applicationId().toString(), change))
			.then(Mono.just(incident));
		return this.transactions.transactional(stored);
	}

	/** Now, at the precision PostgreSQL keeps, so events and stored rows agree. */
	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
