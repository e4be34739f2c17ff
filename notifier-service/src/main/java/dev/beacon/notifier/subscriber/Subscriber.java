package dev.beacon.notifier.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Someone to notify of an application's incidents and maintenances.
 *
 * @param id the subscriber's id
 * @param applicationId the application whose incidents it follows
 * @param type the channel that reaches it ({@code webhook}, {@code email})
 * @param target where the channel sends (a URL for webhooks, an address for email)
 * @param secret signs webhook bodies; shown to the caller only when subscribing or
 * rotating it; null for email
 * @param componentIds when not empty, only incidents touching one of these components
 * notify it
 * @param createdAt when it subscribed
 * @param confirmedAt when its address was confirmed; null while an email subscriber has
 * not confirmed (it then receives nothing but the confirmation mail)
 * @param confirmExpiresAt until when an unconfirmed subscriber may confirm
 */
public record Subscriber(UUID id, UUID applicationId, String type, String target, String secret,
		List<UUID> componentIds, Instant createdAt, Instant confirmedAt, Instant confirmExpiresAt) {

	public Subscriber {
		componentIds = List.copyOf(componentIds);
	}

	public boolean confirmed() {
		return this.confirmedAt != null;
	}

	Subscriber withSecret(String newSecret) {
		return new Subscriber(this.id, this.applicationId, this.type, this.target, newSecret, this.componentIds,
				this.createdAt, this.confirmedAt, this.confirmExpiresAt);
	}

	@Override
	public String toString() {
		// never print the secret or the target (webhook URLs often embed tokens;
		// addresses
		// are personal data)
		return "Subscriber[id=" + this.id + ", applicationId=" + this.applicationId + ", type=" + this.type + "]";
	}

}
