package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A due delivery that one worker has claimed for one attempt.
 *
 * @param attempts the attempts made, counting the one this claim is for
 * @param createdAt when the delivery was made
 * @param target the subscriber's target, null when the subscriber is gone
 * @param secret the subscriber's secret (webhooks), null otherwise
 * @param claimToken proves the claim when the outcome is recorded
 */
public record ClaimedDelivery(UUID id, UUID subscriberId, String channel, String eventType, String payload,
		int attempts, Instant createdAt, String target, String secret, UUID claimToken) {

	@Override
	public String toString() {
		return "ClaimedDelivery[id=" + this.id + ", channel=" + this.channel + ", attempts=" + this.attempts + "]";
	}

}
