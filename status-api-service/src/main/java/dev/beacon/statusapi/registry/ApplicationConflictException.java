package dev.beacon.statusapi.registry;

/**
 * Registering or changing would reuse an application id, a slug or a custom domain that
 * is already taken.
 */
public class ApplicationConflictException extends RuntimeException {

	private final String field;

	public ApplicationConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The request field whose value is taken: {@code id}, {@code slug} or
	 * {@code page.customDomain}.
	 */
	public String field() {
		return this.field;
	}

}
