package dev.beacon.notifier.subscriber;

import java.util.UUID;

/** The application has no such subscriber. */
public class SubscriberNotFoundException extends RuntimeException {

	public SubscriberNotFoundException(UUID subscriberId) {
		super("No subscriber " + subscriberId);
	}

}
