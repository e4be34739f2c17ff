package dev.beacon.notifier.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An application as the notifier knows it from the catalog.
 *
 * @param publicPage whether anyone may read (and subscribe to) its page
 * @param pageEnabled whether its page is served at all
 * @param components its components, in page order
 * @param definedAt when this definition was made (a newer one replaces it)
 */
public record Application(UUID id, String slug, String name, boolean publicPage, boolean pageEnabled,
		List<Component> components, Instant definedAt) {

	public Application {
		components = List.copyOf(components);
	}

	/** Whether visitors may subscribe to the page without a token. */
	public boolean openToVisitors() {
		return this.publicPage && this.pageEnabled;
	}

	/** Whether the application has a component with this id. */
	public boolean hasComponent(UUID componentId) {
		return this.components.stream().anyMatch((component) -> component.id().equals(componentId));
	}

	/** The component's name, or null when the application has no such component. */
	public String componentName(UUID componentId) {
		return this.components.stream()
			.filter((component) -> component.id().equals(componentId))
			.map(Component::name)
			.findFirst()
			.orElse(null);
	}

	/** One component of the application. */
	public record Component(UUID id, String name) {
	}

}
