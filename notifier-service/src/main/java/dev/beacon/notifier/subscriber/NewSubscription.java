package dev.beacon.notifier.subscriber;

import java.util.List;
import java.util.UUID;

/**
 * A request to subscribe, validated for form but not yet checked by the channel.
 *
 * @param type the channel ({@code webhook}, {@code email})
 * @param target the URL or address
 * @param secret the caller's webhook secret, or null to have one generated
 */
public record NewSubscription(String type, String target, String secret, List<UUID> componentIds) {

	public NewSubscription {
		componentIds = List.copyOf(componentIds);
	}

	@Override
	public String toString() {
		return "NewSubscription[type=" + this.type + "]";
	}

}
