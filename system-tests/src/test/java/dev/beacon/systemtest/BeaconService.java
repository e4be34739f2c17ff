package dev.beacon.systemtest;

/**
 * The five services, each as it is deployed: a runnable jar of its own, started as a
 * separate process.
 */
enum BeaconService {

	STATUS_API("status-api", "STATUS_API_PORT", "status_api"),

	INCIDENT("incident", "INCIDENT_PORT", "incident"),

	NOTIFIER("notifier", "NOTIFIER_PORT", "notifier"),

	COLLECTOR("collector", "COLLECTOR_PORT", null),

	GATEWAY("gateway", "GATEWAY_PORT", null);

	private final String id;

	private final String portVariable;

	private final String database;

	BeaconService(String id, String portVariable, String database) {
		this.id = id;
		this.portVariable = portVariable;
		this.database = database;
	}

	/** The short name used in logs, file names and the jar's system property. */
	String id() {
		return this.id;
	}

	/** The environment variable that sets the service's HTTP port. */
	String portVariable() {
		return this.portVariable;
	}

	/** The name of the service's own database, null for a service without one. */
	String database() {
		return this.database;
	}

}
