package dev.beacon.incident.incidents.web;

/**
 * A request field whose value cannot be taken, found after the body was read (a query
 * parameter, or a rule across fields): answers 400 naming the field.
 */
class InvalidFieldException extends RuntimeException {

	private final String field;

	InvalidFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
