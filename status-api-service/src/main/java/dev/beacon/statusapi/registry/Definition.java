package dev.beacon.statusapi.registry;

import java.util.List;
import java.util.UUID;

/**
 * What a caller wants an application to be, whole: everything but its id and version.
 *
 * @param slug the page's address
 * @param name the application's name
 * @param publicPage whether anyone may read the page
 * @param components the components in page order; an id names an existing component, none
 * makes a new one
 * @param page the page's settings
 */
public record Definition(String slug, String name, boolean publicPage, List<ComponentDraft> components,
		PageSettings page) {

	public Definition {
		components = List.copyOf(components);
	}

	/** A component as the caller wants it; {@code id} is null for a new one. */
	public record ComponentDraft(UUID id, String name, String group, HttpCheck httpCheck, KubernetesSource kubernetes) {
	}

}
