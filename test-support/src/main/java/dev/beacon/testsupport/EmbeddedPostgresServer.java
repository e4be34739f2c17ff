package dev.beacon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** zonky's embedded PostgreSQL (17.x binaries) as a child process of this JVM. */
final class EmbeddedPostgresServer extends PostgresServer {

	private final EmbeddedPostgres postgres;

	EmbeddedPostgresServer() {
		try {
			this.postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	@Override
	String host() {
		return "localhost";
	}

	@Override
	int port() {
		return this.postgres.getPort();
	}

	@Override
	String username() {
		return "postgres";
	}

	@Override
	String password() {
		return "postgres";
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
