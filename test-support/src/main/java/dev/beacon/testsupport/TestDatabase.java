package dev.beacon.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One database of the shared PostgreSQL server, with the URLs a service needs to reach
 * it.
 */
public record TestDatabase(String name, String host, int port, String username, String password) {

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
	}

	/**
	 * Points a Spring Boot service's R2DBC connection and Flyway migrations at this
	 * database.
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", this::r2dbcUrl);
		registry.add("spring.r2dbc.username", this::username);
		registry.add("spring.r2dbc.password", this::password);
		registry.add("spring.flyway.url", this::jdbcUrl);
		registry.add("spring.flyway.user", this::username);
		registry.add("spring.flyway.password", this::password);
	}

}
