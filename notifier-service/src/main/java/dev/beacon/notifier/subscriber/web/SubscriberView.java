package dev.beacon.notifier.subscriber.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.beacon.notifier.subscriber.Subscriber;

/**
 * A subscriber as the API shows it; the secret only in the answer to subscribing or to
 * rotating it. {@code status} is {@code active} or {@code pending_confirmation}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SubscriberView(UUID id, UUID applicationId, String type, String url, String email, String status,
		List<UUID> componentIds, Instant createdAt, Instant confirmExpiresAt, String secret) {

	static SubscriberView of(Subscriber subscriber) {
		return of(subscriber, null);
	}

	static SubscriberView withSecret(Subscriber subscriber) {
		return of(subscriber, subscriber.secret());
	}

	private static SubscriberView of(Subscriber subscriber, String secret) {
		boolean email = "email".equals(subscriber.type());
		return new SubscriberView(subscriber.id(), subscriber.applicationId(), subscriber.type(),
				email ? null : subscriber.target(), email ? subscriber.target() : null,
				subscriber.confirmed() ? "active" : "pending_confirmation", subscriber.componentIds(),
				subscriber.createdAt(), subscriber.confirmed() ? null : subscriber.confirmExpiresAt(), secret);
	}

	@Override
	public String toString() {
		return "SubscriberView[id=" + this.id + "]";
	}

}
