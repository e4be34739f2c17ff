package dev.beacon.notifier.subscriber;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.PublicLinks;
import dev.beacon.notifier.delivery.DirectDeliveries;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The confirmation mail of a new address is a delivery like any other (kept before it is
 * attempted, retried, visible in the history), made in the transaction that adds the
 * subscriber. Its link is minted when the mail is built, so the database never holds a
 * working token.
 */
@Component
class Confirmations {

	/** The event type of confirmation mails. */
	static final String EVENT_TYPE = "subscription.confirmation";

	private final DirectDeliveries deliveries;

	private final PublicLinks links;

	private final JsonMapper json;

	Confirmations(DirectDeliveries deliveries, PublicLinks links, JsonMapper json) {
		this.deliveries = deliveries;
		this.links = links;
		this.json = json;
	}

	Mono<Void> request(Application application, Subscriber subscriber) {
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("event_type", EVENT_TYPE);
		meta.put("event_id", UUID.randomUUID().toString());
		meta.put("occurred_at", subscriber.createdAt().toString());
		meta.put("expires_at", subscriber.confirmExpiresAt().toString());
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("id", application.id().toString());
		page.put("slug", application.slug());
		page.put("name", application.name());
		page.put("url", this.links.page(application.slug()));
		List<String> components = subscriber.componentIds().stream().map(application::componentName).toList();
		String payload = this.json.writeValueAsString(Map.of("meta", meta, "page", page, "components", components));
		return this.deliveries.enqueue(application.id(), subscriber.id(), subscriber.type(), EVENT_TYPE, payload);
	}

	/**
	 * Asks the worker to send committed confirmations now rather than at its next poll.
	 */
	void sendSoon() {
		this.deliveries.wake();
	}

	static boolean expired(Instant expiresAt, Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

}
