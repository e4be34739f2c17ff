package dev.beacon.statusapi.registry;

import java.util.UUID;

import dev.beacon.events.ApplicationDefined;

/**
 * One component of an application's page, probed by its HTTP check and followed through
 * its pods when it has them.
 *
 * @param id the component's id, kept across renames and moves
 * @param name its name on the page
 * @param group the group the page shows it in, or null
 * @param httpCheck its probe, or null
 * @param kubernetes its pods, or null
 */
public record Component(UUID id, String name, String group, HttpCheck httpCheck, KubernetesSource kubernetes) {

	/** A component without pods. */
	public Component(UUID id, String name, String group, HttpCheck httpCheck) {
		this(id, name, group, httpCheck, null);
	}

	ApplicationDefined.Component definition() {
		return new ApplicationDefined.Component(this.id, this.name,
				(this.httpCheck != null) ? this.httpCheck.definition() : null, this.group,
				(this.kubernetes != null) ? this.kubernetes.definition() : null);
	}

}
