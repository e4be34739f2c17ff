package dev.beacon.notifier.delivery;

import java.util.UUID;

/**
 * A due delivery that one worker has claimed for one attempt.
 *
 * @param attempts the attempts made, counting the one this claim is for
 * @param target the subscriber's target, null when the subscriber is gone
 * @param secret the subscriber's secret, null when the subscriber is gone
 * @param claimToken proves the claim when the outcome is recorded
 */
public record ClaimedDelivery(UUID id, String channel, String eventType, String payload, int attempts, String target,
		String secret, UUID claimToken) {

	@Override
	public String toString() {
		return "ClaimedDelivery[id=" + this.id + ", channel=" + this.channel + ", attempts=" + this.attempts + "]";
	}

}
