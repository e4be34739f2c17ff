package dev.beacon.notifier.subscriber.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.beacon.notifier.subscriber.Subscriber;

/** A subscriber as the API shows it; the secret only in the answer to subscribing. */
record SubscriberView(UUID id, UUID applicationId, String type, String url, List<UUID> componentIds, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

	static SubscriberView of(Subscriber subscriber) {
		return new SubscriberView(subscriber.id(), subscriber.applicationId(), subscriber.type(), subscriber.target(),
				subscriber.componentIds(), subscriber.createdAt(), null);
	}

	static SubscriberView withSecret(Subscriber subscriber) {
		return new SubscriberView(subscriber.id(), subscriber.applicationId(), subscriber.type(), subscriber.target(),
				subscriber.componentIds(), subscriber.createdAt(), subscriber.secret());
	}

	@Override
	public String toString() {
		return "SubscriberView[id=" + this.id + "]";
	}

}
