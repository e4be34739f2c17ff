package dev.beacon.notifier.subscriber;

import java.util.List;
import java.util.UUID;

/**
 * A request to subscribe, validated for form but not yet checked by the channel.
 *
 * @param secret the caller's secret, or null to have one generated
 */
public record NewSubscription(UUID applicationId, String type, String target, String secret, List<UUID> componentIds) {

	@Override
	public String toString() {
		return "NewSubscription[applicationId=" + this.applicationId + ", type=" + this.type + "]";
	}

}
