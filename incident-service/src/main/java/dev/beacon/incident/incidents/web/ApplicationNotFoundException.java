package dev.beacon.incident.incidents.web;

import java.util.UUID;

/**
 * The caller's token does not list the application. This service keeps no list of
 * applications, so it answers as if the application did not exist: a private application
 * cannot be told from an absent one.
 */
class ApplicationNotFoundException extends RuntimeException {

	ApplicationNotFoundException(UUID applicationId) {
		super("No application " + applicationId);
	}

}
