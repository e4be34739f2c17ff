package dev.beacon.incident.incidents;

import java.util.UUID;

/**
 * A change the incident's current status does not allow; the message names that status.
 */
public class IllegalIncidentTransitionException extends RuntimeException {

	private final IncidentStatus current;

	IllegalIncidentTransitionException(UUID incidentId, IncidentStatus current, String refusal) {
		super("Incident " + incidentId + " is " + current.value() + " and " + refusal);
		this.current = current;
	}

	public IncidentStatus current() {
		return this.current;
	}

}
