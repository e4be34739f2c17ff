package dev.beacon.statusapi.registry;

import java.util.UUID;

import dev.beacon.events.ApplicationDefined;

/** One component of an application's page, probed by its HTTP check when it has one. */
public record Component(UUID id, String name, HttpCheck httpCheck) {

	ApplicationDefined.Component definition() {
		return new ApplicationDefined.Component(this.id, this.name,
				(this.httpCheck != null) ? this.httpCheck.definition() : null);
	}

}
