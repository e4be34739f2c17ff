package dev.beacon.incident.catalog;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An incident or maintenance names components that are not the application's own (another
 * application's, or none the catalog knows).
 */
public class ForeignComponentsException extends RuntimeException {

	private final List<UUID> componentIds;

	ForeignComponentsException(Collection<UUID> componentIds) {
		super("Not components of this application: " + componentIds);
		this.componentIds = List.copyOf(componentIds);
	}

	public List<UUID> componentIds() {
		return this.componentIds;
	}

}
