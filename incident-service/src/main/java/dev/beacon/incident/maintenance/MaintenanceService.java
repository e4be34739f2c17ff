package dev.beacon.incident.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.Topics;
import dev.beacon.incident.catalog.ApplicationComponents;
import dev.beacon.incident.detection.IncidentDetection;
import dev.beacon.incident.incidents.IncidentService;
import dev.beacon.outbox.Outbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Schedules, changes and keeps the schedule of maintenance. Every change is stored with
 * its {@code MaintenanceChanged} events in the outbox in one transaction; one that starts
 * or ends a maintenance lets detection decide again for the application in that
 * transaction (its components leave or rejoin detection).
 */
@Service
public class MaintenanceService {

	private final Maintenances maintenances;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final IncidentService clock;

	private final IncidentDetection detection;

	private final ApplicationComponents components;

	MaintenanceService(Maintenances maintenances, Outbox outbox, TransactionalOperator transactions,
			IncidentService clock, IncidentDetection detection, ApplicationComponents components) {
		this.components = components;
		this.maintenances = maintenances;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
		this.detection = detection;
	}

	public Flux<Maintenance> list(UUID applicationId, long page, int size) {
		return this.maintenances.findByApplication(applicationId, page * size, size);
	}

	public Mono<Maintenance> find(UUID applicationId, UUID maintenanceId) {
		return this.maintenances.find(applicationId, maintenanceId)
			.switchIfEmpty(Mono.error(() -> new MaintenanceNotFoundException(maintenanceId)));
	}

	public Mono<Maintenance> schedule(UUID applicationId, String title, String body, List<UUID> componentIds,
			Instant scheduledFor, Instant scheduledUntil) {
		return this.components.requireOwn(applicationId, componentIds)
			.then(Mono.fromCallable(() -> Maintenance.schedule(applicationId, title, body, componentIds, scheduledFor,
					scheduledUntil, this.clock.now())))
			.flatMap((maintenance) -> this.transactions.transactional(store(maintenance)));
	}

	public Mono<Maintenance> revise(UUID applicationId, UUID maintenanceId, Maintenance.Revision revision) {
		Mono<Void> owned = (revision.componentIds() != null)
				? this.components.requireOwn(applicationId, revision.componentIds()) : Mono.empty();
		Mono<Maintenance> work = owned.then(this.maintenances.lock(applicationId, maintenanceId))
			.switchIfEmpty(Mono.error(() -> new MaintenanceNotFoundException(maintenanceId)))
			.flatMap((maintenance) -> {
				maintenance.revise(revision, this.clock.now());
				return store(maintenance);
			});
		return this.transactions.transactional(work);
	}

	/**
	 * Starts and completes every maintenance whose time has come, in batches; emits how
	 * many changed.
	 */
	Mono<Long> keepSchedule(int batch) {
		Mono<Long> work = this.maintenances.lockDue(this.clock.now(), batch)
			.filter((maintenance) -> maintenance.advance(this.clock.now()))
			.concatMap(this::store)
			.count();
		return this.transactions.transactional(work);
	}

	private Mono<Maintenance> store(Maintenance maintenance) {
		boolean startsOrEnds = maintenance.changes()
			.stream()
			.anyMatch((change) -> change.change() != MaintenanceChanged.Change.UPDATED
					&& change.change() != MaintenanceChanged.Change.SCHEDULED);
		Mono<Void> saved = this.maintenances.save(maintenance)
			.thenMany(Flux.fromIterable(maintenance.changes()))
			.concatMap((change) -> this.outbox.append(Topics.INCIDENTS, maintenance.applicationId().toString(), change))
			.then();
		Mono<Void> detect = (startsOrEnds || maintenance.status().isActive())
				? this.detection.reconsider(maintenance.applicationId()) : Mono.empty();
		return saved.then(detect).thenReturn(maintenance);
	}

}
