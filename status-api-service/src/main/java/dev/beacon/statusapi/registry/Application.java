package dev.beacon.statusapi.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.beacon.events.ApplicationDefined;

/**
 * An application with a status page: its slug (the page's address), name, visibility,
 * components and page settings, at a version that every change raises.
 */
public record Application(UUID id, String slug, String name, boolean publicPage, List<Component> components,
		PageSettings page, long version) {

	public Application {
		components = List.copyOf(components);
	}

	/**
	 * A new application as {@code definition} describes it, at version 1. Its components
	 * get new ids; the definition may name none.
	 */
	public static Application create(UUID id, Definition definition) {
		return new Application(id, "", "", false, List.of(), PageSettings.defaults(), 0).revisedBy(definition)
			.withVersion(1);
	}

	/**
	 * This application as {@code definition} describes it, whole. A component the
	 * definition names by id keeps its id (and so its status and history) however it was
	 * renamed, regrouped or moved; one without an id is new; one left out is removed.
	 * @throws InvalidApplicationException when a named id is not one of this
	 * application's components, or is named twice
	 */
	public Application revisedBy(Definition definition) {
		Set<UUID> known = this.components.stream().map(Component::id).collect(Collectors.toSet());
		Set<UUID> seen = new HashSet<>();
		List<Component> revised = new ArrayList<>();
		for (int i = 0; i < definition.components().size(); i++) {
			Definition.ComponentDraft draft = definition.components().get(i);
			UUID componentId = draft.id();
			if (componentId == null) {
				componentId = UUID.randomUUID();
			}
			else if (!known.contains(componentId)) {
				throw new InvalidApplicationException("components[" + i + "].id",
						"is not a component of this application");
			}
			else if (!seen.add(componentId)) {
				throw new InvalidApplicationException("components[" + i + "].id", "names a component twice");
			}
			revised.add(new Component(componentId, draft.name(), draft.group(), draft.httpCheck(), draft.kubernetes()));
		}
		return new Application(this.id, definition.slug(), definition.name(), definition.publicPage(), revised,
				definition.page(), this.version);
	}

	/** This application at another version. */
	public Application withVersion(long next) {
		return new Application(this.id, this.slug, this.name, this.publicPage, this.components, this.page, next);
	}

	/** Whether {@code other} defines the same page as this one, whatever its version. */
	public boolean sameDefinitionAs(Application other) {
		return withVersion(0).equals(other.withVersion(0));
	}

	/**
	 * The queries of this page's metrics, by position, that {@code previous} settings did
	 * not have (those were checked when they were saved).
	 */
	public Map<Integer, String> queriesNotIn(PageSettings previous) {
		Set<String> known = previous.metrics().stream().map(PageMetric::query).collect(Collectors.toSet());
		List<PageMetric> metrics = this.page.metrics();
		return IntStream.range(0, metrics.size())
			.filter((i) -> !known.contains(metrics.get(i).query()))
			.boxed()
			.collect(Collectors.toMap(Function.identity(), (i) -> metrics.get(i).query()));
	}

	/** The catalog event that carries this definition to the other services. */
	public ApplicationDefined defined() {
		return new ApplicationDefined(UUID.randomUUID(), Instant.now(), this.id, this.slug, this.name, this.publicPage,
				this.components.stream().map(Component::definition).toList(), this.page.definition(), this.version);
	}

}
