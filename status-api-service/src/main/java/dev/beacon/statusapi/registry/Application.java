package dev.beacon.statusapi.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ApplicationDefined;

/**
 * An application with a status page: its slug (the page's address), name, visibility and
 * components.
 */
public record Application(UUID id, String slug, String name, boolean publicPage, List<Component> components) {

	public Application {
		components = List.copyOf(components);
	}

	/** The catalog event that carries this definition to the other services. */
	public ApplicationDefined defined() {
		return new ApplicationDefined(UUID.randomUUID(), Instant.now(), this.id, this.slug, this.name, this.publicPage,
				this.components.stream().map(Component::definition).toList());
	}

}
