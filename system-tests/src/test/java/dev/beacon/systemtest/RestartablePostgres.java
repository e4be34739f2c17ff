package dev.beacon.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL server (zonky's 17.x binaries) on a fixed loopback port and a kept data
 * directory: stopped, it refuses every connection; started again, it is the same server
 * with the same data, as after a failover.
 */
final class RestartablePostgres implements AutoCloseable {

	static final String USER = "postgres";

	/** zonky's server trusts local connections; the services still send a password. */
	static final String PASSWORD = "postgres";

	private final Path dataDirectory;

	private final Path log;

	private final ProcessReaper reaper;

	private final int port;

	private EmbeddedPostgres server;

	private ProcessHandle postmaster;

	RestartablePostgres(Path directory, ProcessReaper reaper) {
		this.dataDirectory = directory.resolve("data");
		this.log = directory.resolve("postgres.log");
		this.reaper = reaper;
		this.port = FreePorts.next();
	}

	int port() {
		return this.port;
	}

	synchronized void start() {
		try {
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory.toFile())
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.setServerConfig("max_connections", "300")
				.setPGStartupWait(Duration.ofSeconds(60))
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL; see " + this.log, ex);
		}
		// pg_ctl leaves the postmaster running on its own: the reaper must know it
		this.postmaster = ProcessHandle.of(postmasterPid())
			.orElseThrow(() -> new IllegalStateException("PostgreSQL started but its postmaster is not running"));
		this.reaper.adopt(this.postmaster);
	}

	/** A fast shutdown: open connections are cut, as in a switchover. */
	synchronized void stop() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.reaper.forget(this.postmaster);
	}

	void createDatabases(List<String> names) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("CREATE DATABASE \"" + name + "\"");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the services' databases", ex);
		}
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, USER, PASSWORD);
	}

	private long postmasterPid() {
		try {
			return Long
				.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8)
					.get(0)
					.trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.server != null && this.postmaster != null && this.postmaster.isAlive()) {
			stop();
		}
	}

}
