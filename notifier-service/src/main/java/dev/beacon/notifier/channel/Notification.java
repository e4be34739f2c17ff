package dev.beacon.notifier.channel;

import java.util.UUID;

/**
 * What one delivery attempt sends.
 *
 * @param deliveryId the delivery's id, the same on every attempt (receivers dedupe by it)
 * @param subscriberId the subscriber it goes to
 * @param eventType e.g. {@code incident.opened}
 * @param payload the JSON body, sent byte for byte as stored
 * @param target where to send it (a URL for webhooks, an address for email)
 * @param secret the subscriber's secret
 */
public record Notification(UUID deliveryId, UUID subscriberId, String eventType, String payload, String target,
		String secret) {

	@Override
	public String toString() {
		// never print the secret (records print every component)
		return "Notification[deliveryId=" + this.deliveryId + ", eventType=" + this.eventType + "]";
	}

}
