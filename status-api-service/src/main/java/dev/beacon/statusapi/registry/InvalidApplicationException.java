package dev.beacon.statusapi.registry;

/**
 * A definition that reads well but cannot apply to the application: a component id that
 * is not its own, a metric query Prometheus cannot parse.
 */
public class InvalidApplicationException extends RuntimeException {

	private final String field;

	public InvalidApplicationException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The offending field, as a path from the definition's root. */
	public String field() {
		return this.field;
	}

}
