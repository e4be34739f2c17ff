package dev.beacon.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the infrastructure is and how the services reach it and each other.
 *
 * @param kafkaBootstrapServers the broker
 * @param database how to reach the PostgreSQL server; each service gets a database of its
 * own
 * @param topicPrefix prepended to every topic (empty for a real deployment)
 * @param hmacSecret the shared key that signs and verifies bearer tokens
 * @param audience the audience every token must carry
 * @param issuer when not empty, the issuer every token must carry
 * @param allowedNetworks CIDRs that probes and webhooks may reach although internal
 * @param ports the port of each service by name; 0 picks a free one
 * @param managementPorts the management (actuator) port of each service by name; 0, the
 * default, picks a free one
 */
public record BeaconSettings(String kafkaBootstrapServers, DatabaseServer database, String topicPrefix,
		String hmacSecret, String audience, String issuer, String allowedNetworks, Map<String, Integer> ports,
		Map<String, Integer> managementPorts) {

	/** The audience of the local run's tokens unless {@code BEACON_JWT_AUDIENCE} says. */
	public static final String DEFAULT_AUDIENCE = "beacon-api";

	/**
	 * Settings with the default audience, no issuer and free management ports.
	 */
	public BeaconSettings(String kafkaBootstrapServers, DatabaseServer database, String topicPrefix, String hmacSecret,
			String allowedNetworks, Map<String, Integer> ports) {
		this(kafkaBootstrapServers, database, topicPrefix, hmacSecret, DEFAULT_AUDIENCE, "", allowedNetworks, ports,
				Map.of());
	}

	/** A PostgreSQL server and the database names of the services. */
	public record DatabaseServer(String host, int port, String username, String password, Map<String, String> names) {

		@Override
		public String toString() {
			// never print the password
			return "DatabaseServer[host=" + this.host + ", port=" + this.port + ", names=" + this.names + "]";
		}

	}

	Map<String, String> common() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("beacon.kafka.bootstrap-servers", this.kafkaBootstrapServers);
		properties.put("beacon.kafka.topic-prefix", this.topicPrefix);
		properties.put("beacon.security.jwt.hmac-secret", this.hmacSecret);
		properties.put("beacon.security.jwt.jwk-set-uri", "");
		properties.put("beacon.security.jwt.audience", this.audience);
		properties.put("beacon.security.jwt.issuer", (this.issuer != null) ? this.issuer : "");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		return properties;
	}

	Map<String, String> database(String service) {
		return Map.of("beacon.db.host", this.database.host(), "beacon.db.port", String.valueOf(this.database.port()),
				"beacon.db.name", this.database.names().get(service), "beacon.db.username", this.database.username(),
				"beacon.db.password", this.database.password());
	}

	int port(String service) {
		return this.ports.getOrDefault(service, 0);
	}

	int managementPort(String service) {
		return this.managementPorts.getOrDefault(service, 0);
	}

	@Override
	public String toString() {
		// never print the key
		return "BeaconSettings[kafka=" + this.kafkaBootstrapServers + ", database=" + this.database + ", audience="
				+ this.audience + ", issuer=" + this.issuer + "]";
	}

}
