package dev.beacon.notifier.subscriber;

/**
 * A subscription that cannot be accepted; {@code field} names the offending request
 * field.
 */
public class InvalidSubscriptionException extends RuntimeException {

	private final String field;

	public InvalidSubscriptionException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
