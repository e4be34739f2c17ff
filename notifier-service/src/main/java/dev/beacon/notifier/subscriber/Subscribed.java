package dev.beacon.notifier.subscriber;

/**
 * The answer to a subscription.
 *
 * @param subscriber the new subscriber, with its secret; null when a visitor's address
 * was already subscribed or awaits confirmation (a visitor is not told which)
 * @param unsubscribeUrl a link that removes a webhook subscriber, for a visitor who has
 * no token for the API; null otherwise
 */
public record Subscribed(Subscriber subscriber, String unsubscribeUrl) {

	@Override
	public String toString() {
		return "Subscribed[" + this.subscriber + "]";
	}

}
