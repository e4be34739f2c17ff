package dev.beacon.statusapi.registry;

import java.util.UUID;

import dev.beacon.events.ApplicationDefined;

/**
 * One component of an application's page, probed by its HTTP check when it has one.
 *
 * @param id the component's id, kept across renames and moves
 * @param name its name on the page
 * @param group the group the page shows it in, or null
 * @param httpCheck its probe, or null
 */
public record Component(UUID id, String name, String group, HttpCheck httpCheck) {

	ApplicationDefined.Component definition() {
		return new ApplicationDefined.Component(this.id, this.name,
				(this.httpCheck != null) ? this.httpCheck.definition() : null, this.group);
	}

}
