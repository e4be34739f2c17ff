package dev.beacon.incident.incidents;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import dev.beacon.events.ComponentStatus;
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

	private final Incidents incidents;

	private final ApplicationComponents components;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final Clock clock;

	IncidentService(Incidents incidents, ApplicationComponents components, Outbox outbox,
			TransactionalOperator transactions, Clock clock) {
		this.incidents = incidents;
		this.components = components;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The application's incidents, newest first: {@code limit} after {@code offset}. */
	public Flux<Incident> list(UUID applicationId, long offset, int limit) {
		return this.incidents.findByApplication(applicationId, offset, limit);
	}

	public Mono<Incident> find(UUID applicationId, UUID incidentId) {
		return this.incidents.find(applicationId, incidentId)
			.switchIfEmpty(Mono.error(() -> new IncidentNotFoundException(incidentId)));
	}

	/**
	 * Declares an incident. Its components must be the application's own, as the catalog
	 * defines them.
	 * @throws dev.beacon.incident.catalog.ForeignComponentsException (in the
	 * {@code Mono}) naming those that are not
	 */
	public Mono<Incident> declare(UUID applicationId, String title, IncidentStatus status, Impact impact, String body,
			Map<UUID, ComponentStatus> components) {
		return this.components.requireOwn(applicationId, components.keySet())
			.then(Mono
				.fromCallable(() -> Incident.declare(applicationId, title, status, impact, body, components, now())))
			.flatMap(this::store);
	}

	/**
	 * Posts an update to an incident; see {@link Incident#addUpdate} for what it may
	 * change.
	 */
	public Mono<Incident> update(UUID applicationId, UUID incidentId, IncidentStatus status, String body,
			Impact impact) {
		return change(applicationId, incidentId, (incident) -> incident.addUpdate(status, body, impact, now()));
	}

	/**
	 * Applies a person's revision in one transaction: an update when it has a body (the
	 * status defaults to the current one; the impact goes with it), an edit of the title
	 * (and of the impact when there is no update), and the postmortem. Any refusal leaves
	 * the incident unchanged.
	 */
	public Mono<Incident> revise(UUID applicationId, UUID incidentId, Revision revision) {
		return change(applicationId, incidentId, (incident) -> {
			Instant now = now();
			if (revision.body() != null) {
				IncidentStatus next = (revision.status() != null) ? revision.status() : incident.status();
				incident.addUpdate(next, revision.body(), revision.impact(), now);
			}
			Impact editedImpact = (revision.body() == null) ? revision.impact() : null;
			if (revision.title() != null || editedImpact != null) {
				incident.edit(revision.title(), editedImpact, now);
			}
			if (revision.postmortem() != null) {
				incident.writePostmortem(revision.postmortem(), now);
			}
		});
	}

	/** Reopens a resolved declared incident. */
	public Mono<Incident> reopen(UUID applicationId, UUID incidentId, String body) {
		return change(applicationId, incidentId, (incident) -> incident.reopen(body, now()));
	}

	private Mono<Incident> change(UUID applicationId, UUID incidentId, Consumer<Incident> change) {
		Mono<Incident> changed = this.incidents.lock(applicationId, incidentId)
			.switchIfEmpty(Mono.error(() -> new IncidentNotFoundException(incidentId)))
			.flatMap((incident) -> {
				change.accept(incident);
				return store(incident);
			});
		return this.transactions.transactional(changed);
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

	/**
	 * What a person changes in one request; null leaves a part as it is. A status needs a
	 * body: a status change is news and goes on the timeline.
	 */
	public record Revision(String title, IncidentStatus status, String body, Impact impact, String postmortem) {
	}

	/** Now by the service's clock, at the precision PostgreSQL keeps. */
	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
