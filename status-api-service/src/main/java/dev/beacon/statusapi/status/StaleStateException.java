package dev.beacon.statusapi.status;

import java.util.Set;
import java.util.UUID;

/**
 * Another writer changed these components since their state was read: the batch is rolled
 * back and applied again over what is stored now.
 */
class StaleStateException extends RuntimeException {

	private final Set<UUID> componentIds;

	StaleStateException(Set<UUID> componentIds) {
		super(componentIds.size() + " component(s) changed by another writer");
		this.componentIds = Set.copyOf(componentIds);
	}

	Set<UUID> componentIds() {
		return this.componentIds;
	}

}
