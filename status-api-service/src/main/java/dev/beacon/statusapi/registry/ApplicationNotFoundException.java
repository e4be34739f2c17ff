package dev.beacon.statusapi.registry;

/**
 * No such application, or none the caller may see: the two answer alike, so a private
 * application cannot be told from an absent one.
 */
public class ApplicationNotFoundException extends RuntimeException {

	public ApplicationNotFoundException(Object idOrSlug) {
		super("No application " + idOrSlug);
	}

}
