package dev.beacon.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A running PostgreSQL server on which tests create databases of their own. */
abstract class PostgresServer implements AutoCloseable {

	abstract String host();

	abstract int port();

	abstract String username();

	abstract String password();

	TestDatabase createDatabase(String name) {
		String adminUrl = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
		try (Connection connection = DriverManager.getConnection(adminUrl, username(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return new TestDatabase(name, host(), port(), username(), password());
	}

}
