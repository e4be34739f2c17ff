package dev.beacon.notifier.delivery.web;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.notifier.delivery.Delivery;

/** A delivery as the API shows it. */
record DeliveryView(UUID id, UUID subscriberId, String channel, UUID eventId, String eventType, String status,
		int attempts, String lastError, Integer lastHttpStatus, Instant createdAt, Instant updatedAt,
		Instant nextAttemptAt, Instant deliveredAt) {

	static DeliveryView of(Delivery delivery) {
		return new DeliveryView(delivery.id(), delivery.subscriberId(), delivery.channel(), delivery.eventId(),
				delivery.eventType(), delivery.status().value(), delivery.attempts(), delivery.lastError(),
				delivery.lastHttpStatus(), delivery.createdAt(), delivery.updatedAt(), delivery.nextAttemptAt(),
				delivery.deliveredAt());
	}

}
