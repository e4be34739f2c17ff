package dev.beacon.notifier.delivery;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.outbox.Inbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Turns an incident event into one pending delivery per matching subscriber, in the
 * transaction that records the event as processed: a redelivered event, or one whose
 * fan-out was cut short by a crash, never loses or doubles a delivery.
 */
@Service
public class FanOut {

	private final Deliveries deliveries;

	private final Inbox inbox;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	private final DeliveryWorker worker;

	FanOut(Deliveries deliveries, Inbox inbox, TransactionalOperator transactions, JsonMapper json,
			DeliveryWorker worker) {
		this.deliveries = deliveries;
		this.worker = worker;
		this.inbox = inbox;
		this.transactions = transactions;
		this.json = json;
	}

	/** Emits how many deliveries were added (none for a redelivered event). */
	public Mono<Long> incidentChanged(IncidentChanged event) {
		IncidentNotification notification = IncidentNotification.of(event);
		String payload = this.json.writeValueAsString(notification);
		List<UUID> components = Objects.requireNonNullElse(event.incident().componentIds(), List.of());
		Mono<Long> work = this.inbox.firstDelivery(event.eventId())
			.flatMap((first) -> first ? this.deliveries.fanOut(event.incident().applicationId(), components,
					event.eventId(), notification.type(), payload) : Mono.just(0L));
		// committed: the worker sends them now rather than at its next poll
		return this.transactions.transactional(work).doOnNext((added) -> {
			if (added > 0) {
				this.worker.wake();
			}
		});
	}

}
