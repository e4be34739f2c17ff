package dev.beacon.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services as the deployment files must know it: where its configuration
 * lives and which ports it serves on.
 *
 * @param name the service's name ({@code spring.application.name}), also its name in
 * docker-compose and Kubernetes
 * @param module the Maven module, also the image's name
 * @param configFile the service's own configuration file
 * @param portVariable the environment variable of its HTTP port
 * @param port its HTTP port
 * @param managementPort its actuator port (the shared decision: env
 * {@code MANAGEMENT_PORT})
 * @param database the name of its PostgreSQL database, or {@code null} when it has none
 */
record BeaconService(String name, String module, String configFile, String portVariable, int port, int managementPort,
		String database) {

	static final List<BeaconService> ALL = List.of(
			new BeaconService("gateway", "public-gateway", "gateway.yml", "GATEWAY_PORT", 8080, 9080, null),
			new BeaconService("status-api", "status-api-service", "status-api.yml", "STATUS_API_PORT", 8081, 9081,
					"status_api"),
			new BeaconService("incident", "incident-service", "incident.yml", "INCIDENT_PORT", 8082, 9082, "incident"),
			new BeaconService("notifier", "notifier-service", "notifier.yml", "NOTIFIER_PORT", 8083, 9083, "notifier"),
			new BeaconService("collector", "collector-service", "collector.yml", "COLLECTOR_PORT", 8084, 9084, null));

	ServiceConfiguration configuration() {
		return ServiceConfiguration.read(Repository.root()
			.resolve(this.module)
			.resolve(Path.of("src", "main", "resources"))
			.resolve(this.configFile));
	}

	String image() {
		return "beacon/" + this.module + ":" + Repository.version();
	}

	boolean hasDatabase() {
		return this.database != null;
	}

	/** Whether it verifies bearer tokens (everything but the collector). */
	boolean verifiesTokens() {
		return !this.name.equals("collector");
	}

}
