package dev.beacon.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, for machines with a Docker engine. */
final class ContainerPostgres extends PostgresServer {

	private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withCommand("postgres",
			"-c", "max_connections=300");

	ContainerPostgres() {
		this.container.start();
	}

	@Override
	String host() {
		return this.container.getHost();
	}

	@Override
	int port() {
		return this.container.getMappedPort(5432);
	}

	@Override
	String username() {
		return this.container.getUsername();
	}

	@Override
	String password() {
		return this.container.getPassword();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
