package dev.beacon.statusapi.registry;

/** Registering would reuse an application id or a slug that is already taken. */
public class ApplicationConflictException extends RuntimeException {

	private final String field;

	public ApplicationConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The request field whose value is taken: {@code id} or {@code slug}. */
	public String field() {
		return this.field;
	}

}
