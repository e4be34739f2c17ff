package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.HttpCheck;

/** An application as the authenticated API shows it. */
record ApplicationView(UUID id, String slug, String name, @JsonProperty("public") boolean publicPage,
		List<ComponentView> components) {

	static ApplicationView of(Application application) {
		return new ApplicationView(application.id(), application.slug(), application.name(), application.publicPage(),
				application.components()
					.stream()
					.map((component) -> new ComponentView(component.id(), component.name(), component.httpCheck()))
					.toList());
	}

	record ComponentView(UUID id, String name, HttpCheck httpCheck) {
	}

}
