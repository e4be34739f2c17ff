package dev.beacon.incident.incidents;

import java.util.UUID;

/**
 * No such incident, or none the caller may see: the two answer alike, so an application
 * the caller may not read cannot be told from one without incidents.
 */
public class IncidentNotFoundException extends RuntimeException {

	public IncidentNotFoundException(UUID incidentId) {
		super("No incident " + incidentId);
	}

}
