package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Inbox;
import dev.beacon.outbox.Outbox;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.registry.Applications;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies scheduled maintenance to component status: a component covered by a window in
 * progress (or verifying) is {@code maintenance}, whatever its probes say; when no window
 * covers it any more it is {@code unknown} until the next observation says how it is.
 * Each change is published as a {@link ComponentStatusChanged} through the outbox, in the
 * transaction that makes it.
 */
@Service
public class MaintenanceRecorder {

	static final String ENDED_REASON = "Maintenance over; waiting for the next observation";

	private final MaintenanceWindows windows;

	private final ComponentHealthStore store;

	private final Applications applications;

	private final Inbox inbox;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final HistoryStore history;

	MaintenanceRecorder(MaintenanceWindows windows, ComponentHealthStore store, Applications applications, Inbox inbox,
			Outbox outbox, TransactionalOperator transactions, HistoryStore history) {
		this.history = history;
		this.windows = windows;
		this.store = store;
		this.applications = applications;
		this.inbox = inbox;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	public Mono<Void> record(MaintenanceChanged event) {
		MaintenanceChanged.Maintenance maintenance = event.maintenance();
		Mono<Void> work = this.inbox.firstDelivery(event.eventId())
			.filter(Boolean::booleanValue)
			.flatMap((first) -> this.windows.keep(maintenance))
			.flatMapMany((before) -> {
				Set<UUID> touched = new LinkedHashSet<>(before);
				touched.addAll(maintenance.componentIds());
				return Flux.fromIterable(touched);
			})
			.concatMap((componentId) -> apply(componentId, maintenance.title()))
			.then();
		return this.transactions.transactional(work);
	}

	private Mono<Void> apply(UUID componentId, String title) {
		return this.store.findForUpdate(componentId)
			.zipWith(this.windows.covers(componentId))
			.zipWhen((found) -> this.store.now())
			.flatMap((found) -> {
				ComponentHealth health = found.getT1().getT1();
				boolean covered = found.getT1().getT2();
				Instant now = found.getT2();
				ComponentHealth next;
				if (covered && health.status() != ComponentStatus.MAINTENANCE) {
					next = health.under(ComponentStatus.MAINTENANCE, now, "Under maintenance: " + title);
				}
				else if (!covered && health.status() == ComponentStatus.MAINTENANCE) {
					next = health.under(ComponentStatus.UNKNOWN, now, ENDED_REASON);
				}
				else {
					return Mono.empty();
				}
				return this.store.save(componentId, next)
					.then(HistoryTransitions.record(this.history, componentId, health, next, now))
					.then(publish(componentId, health, next));
			});
	}

	private Mono<Void> publish(UUID componentId, ComponentHealth previous, ComponentHealth next) {
		return this.applications.findComponent(componentId)
			.flatMap((registered) -> this.outbox.append(Topics.STATUS_CHANGES, componentId.toString(),
					new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), registered.applicationId(),
							componentId, registered.component().name(), previous.status(), next.status(), next.since(),
							next.reason())));
	}

}
