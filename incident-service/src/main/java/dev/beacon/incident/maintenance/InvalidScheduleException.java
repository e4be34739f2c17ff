package dev.beacon.incident.maintenance;

/** A schedule that ends before it starts; names the field that makes it so. */
public class InvalidScheduleException extends RuntimeException {

	private final String field;

	InvalidScheduleException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
