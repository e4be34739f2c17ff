package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification to one subscriber and how its attempts went.
 *
 * @param nextAttemptAt when the next attempt is due (pending deliveries only)
 */
public record Delivery(UUID id, UUID subscriberId, String channel, UUID eventId, String eventType,
		DeliveryStatus status, int attempts, String lastError, Integer lastHttpStatus, Instant createdAt,
		Instant updatedAt, Instant nextAttemptAt, Instant deliveredAt) {
}
