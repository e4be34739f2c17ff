package dev.beacon.notifier.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone to notify of an application's incidents.
 *
 * @param id the subscriber's id
 * @param applicationId the application whose incidents it follows
 * @param type the channel that reaches it (e.g. {@code webhook})
 * @param target where the channel sends (a URL for webhooks)
 * @param secret signs what is sent; shown to the caller only when subscribing
 * @param componentIds when not empty, only incidents touching one of these components
 * notify it
 * @param createdAt when it subscribed
 */
public record Subscriber(UUID id, UUID applicationId, String type, String target, String secret,
		List<UUID> componentIds, Instant createdAt) {

	public Subscriber {
		componentIds = List.copyOf(componentIds);
	}

	@Override
	public String toString() {
		// never print the secret or the target (webhook URLs often embed tokens)
		return "Subscriber[id=" + this.id + ", applicationId=" + this.applicationId + ", type=" + this.type + "]";
	}

}
