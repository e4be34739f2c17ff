package dev.beacon.notifier.webhook;

import java.net.UnknownHostException;

/**
 * A webhook host resolves to an address the SSRF guard refuses. Extends
 * {@link UnknownHostException} so the HTTP client treats it as a failed lookup and never connects.
 */
class ForbiddenAddressException extends UnknownHostException {

	ForbiddenAddressException(String message) {
		super(message);
	}

}
