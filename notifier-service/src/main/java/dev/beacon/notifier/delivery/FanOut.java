package dev.beacon.notifier.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.catalog.PublicLinks;
import dev.beacon.notifier.channel.NotificationChannels;
import dev.beacon.notifier.delivery.Deliveries.TimelineEntry;
import dev.beacon.outbox.Inbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Turns an incident or maintenance event into one pending delivery per matching confirmed
 * subscriber, in the transaction that records the event as processed: a redelivered
 * event, or one whose fan-out was cut short by a crash, never loses or doubles a
 * delivery.
 */
@Service
public class FanOut {

	private final Deliveries deliveries;

	private final Applications applications;

	private final PublicLinks links;

	private final Inbox inbox;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	private final DeliveryWorker worker;

	private final NotificationChannels channels;

	FanOut(Deliveries deliveries, Applications applications, PublicLinks links, Inbox inbox,
			TransactionalOperator transactions, JsonMapper json, DeliveryWorker worker, NotificationChannels channels) {
		this.deliveries = deliveries;
		this.channels = channels;
		this.applications = applications;
		this.links = links;
		this.worker = worker;
		this.inbox = inbox;
		this.transactions = transactions;
		this.json = json;
	}

	/** Emits how many deliveries were added (none for a redelivered event). */
	public Mono<Long> incidentChanged(IncidentChanged event) {
		IncidentChanged.Incident incident = event.incident();
		IncidentChanged.Update update = event.latestUpdate();
		TimelineEntry entry = (update != null)
				? new TimelineEntry(update.updateId(), update.status(), update.body(), update.createdAt()) : null;
		List<UUID> components = Objects.requireNonNullElse(incident.componentIds(), List.of());
		Mono<Long> work = firstDelivery(event.eventId(),
				() -> application(incident.applicationId())
					.flatMap((application) -> this.deliveries
						.recordTimeline(incident.applicationId(), incident.incidentId(), entry)
						.collectList()
						.map((timeline) -> NotificationPayload.of(event, application.orElse(null), pageUrl(application),
								timeline)))
					.flatMap((payload) -> this.deliveries.fanOut(incident.applicationId(), components,
							this.channels.carrying(payload.meta().eventType()), event.eventId(),
							payload.meta().eventType(), this.json.writeValueAsString(payload))));
		return commitAndWake(work);
	}

	/**
	 * Emits how many deliveries were added: none for a redelivered event or a change
	 * subscribers are not told about.
	 */
	public Mono<Long> maintenanceChanged(MaintenanceChanged event) {
		MaintenanceChanged.Maintenance maintenance = event.maintenance();
		List<UUID> components = Objects.requireNonNullElse(maintenance.componentIds(), List.of());
		Mono<Long> work = firstDelivery(event.eventId(),
				() -> application(maintenance.applicationId()).flatMap((application) -> {
					NotificationPayload payload = NotificationPayload.of(event, application.orElse(null),
							pageUrl(application));
					return (payload == null) ? Mono.just(0L)
							: this.deliveries.fanOut(maintenance.applicationId(), components,
									this.channels.carrying(payload.meta().eventType()), event.eventId(),
									payload.meta().eventType(), this.json.writeValueAsString(payload));
				}));
		return commitAndWake(work);
	}

	private Mono<Long> firstDelivery(UUID eventId, Supplier<Mono<Long>> work) {
		return this.inbox.firstDelivery(eventId).flatMap((first) -> first ? work.get() : Mono.just(0L));
	}

	private Mono<Optional<Application>> application(UUID applicationId) {
		return this.applications.find(applicationId).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	private String pageUrl(Optional<Application> application) {
		return application.map((known) -> this.links.page(known.slug())).orElse(null);
	}

	private Mono<Long> commitAndWake(Mono<Long> work) {
		// committed: the worker sends them now rather than at its next poll
		return this.transactions.transactional(work).doOnNext((added) -> {
			if (added > 0) {
				this.worker.wake();
			}
		});
	}

}
