package dev.beacon.notifier.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.catalog.PublicLinks;
import dev.beacon.notifier.channel.NotificationChannels;
import dev.beacon.notifier.delivery.ComponentStatuses.Told;
import dev.beacon.outbox.Inbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Turns a component's status change into a {@code component_update} for the application's
 * subscribers on the channels that carry it (webhooks: mail is for incidents and
 * maintenance), per-component subscribers only for their components — in the transaction
 * that records the event as processed, like {@link FanOut}.
 * <p>
 * What was last told about each component ({@link ComponentStatuses}) decides what is
 * news: a change into {@code unknown} (no data) is not told; a change that ends on the
 * status last told (unknown and back, or a degradation whose reason changed) or that is
 * older than it sends nothing. A component's first known status is kept without a word
 * when it is operational (a new component, or a notifier that just started): there was no
 * change to tell.
 */
@Service
public class ComponentFanOut {

	private final Deliveries deliveries;

	private final ComponentStatuses statuses;

	private final Applications applications;

	private final PublicLinks links;

	private final NotificationChannels channels;

	private final Inbox inbox;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	private final DeliveryWorker worker;

	ComponentFanOut(Deliveries deliveries, ComponentStatuses statuses, Applications applications, PublicLinks links,
			NotificationChannels channels, Inbox inbox, TransactionalOperator transactions, JsonMapper json,
			DeliveryWorker worker) {
		this.deliveries = deliveries;
		this.statuses = statuses;
		this.applications = applications;
		this.links = links;
		this.channels = channels;
		this.inbox = inbox;
		this.transactions = transactions;
		this.json = json;
		this.worker = worker;
	}

	/** Emits how many deliveries were added: none for a redelivered event or no news. */
	public Mono<Long> statusChanged(ComponentStatusChanged event) {
		String now = ComponentUpdatePayload.statuspage(event.current(), event.degradation());
		if (now == null || event.componentId() == null || event.applicationId() == null) {
			return Mono.just(0L);
		}
		Mono<Long> work = this.inbox.firstDelivery(event.eventId())
			.flatMap((first) -> first ? this.statuses.find(event.componentId())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((told) -> tell(event, now, told.orElse(null))) : Mono.just(0L));
		return this.transactions.transactional(work).doOnNext((added) -> {
			if (added > 0) {
				this.worker.wake();
			}
		});
	}

	private Mono<Long> tell(ComponentStatusChanged event, String now, Told told) {
		var changedAt = Objects.requireNonNullElse(event.since(), event.occurredAt());
		if (told != null && (now.equals(told.status()) || !changedAt.isAfter(told.changedAt()))) {
			return Mono.just(0L);
		}
		String before = (told != null) ? told.status() : ComponentUpdatePayload.statuspage(event.previous(), null);
		long version = (told != null) ? told.version() + 1 : 1;
		Mono<Void> keep = this.statuses.save(event.applicationId(), event.componentId(),
				new Told(now, changedAt, version));
		if (now.equals(before) || (before == null && now.equals("operational"))) {
			return keep.thenReturn(0L);
		}
		List<String> carrying = this.channels.carrying(ComponentUpdatePayload.EVENT_TYPE);
		return keep.then(this.applications.find(event.applicationId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((application) -> {
				String pageUrl = application.map((known) -> this.links.page(known.slug())).orElse(null);
				ComponentUpdatePayload payload = ComponentUpdatePayload.of(event.eventId(), event.occurredAt(),
						event.applicationId(), event.componentId(), event.componentName(), application.orElse(null),
						pageUrl, before, now, changedAt, version);
				return carrying.isEmpty() ? Mono.just(0L)
						: this.deliveries.fanOut(event.applicationId(), List.of(event.componentId()), carrying,
								event.eventId(), ComponentUpdatePayload.EVENT_TYPE,
								this.json.writeValueAsString(payload));
			}));
	}

}
