package dev.beacon.notifier.channel;

/**
 * A subscriber's target that its channel refuses; {@code field} names the request field.
 */
public class InvalidTargetException extends RuntimeException {

	private final String field;

	public InvalidTargetException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
