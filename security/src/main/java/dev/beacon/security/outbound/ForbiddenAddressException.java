package dev.beacon.security.outbound;

import java.net.UnknownHostException;

/**
 * A host resolves to an address the SSRF guard refuses. Extends
 * {@link UnknownHostException} so the HTTP client treats it as a failed lookup and never
 * connects.
 */
public class ForbiddenAddressException extends UnknownHostException {

	public ForbiddenAddressException(String message) {
		super(message);
	}

}
