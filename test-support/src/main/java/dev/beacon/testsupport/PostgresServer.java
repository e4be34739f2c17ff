package dev.beacon.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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

	/**
	 * What every session of the server is doing, and the locks that some wait for: one
	 * line per row, for reports on a hang.
	 */
	String activity() {
		String adminUrl = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
		StringBuilder report = new StringBuilder();
		try (Connection connection = DriverManager.getConnection(adminUrl, username(), password());
				Statement statement = connection.createStatement()) {
			append(report, statement.executeQuery("""
					SELECT pid, datname, state, wait_event_type, wait_event, now() - xact_start AS in_transaction,
					    pg_blocking_pids(pid) AS blocked_by, left(query, 300) AS query
					FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"""));
			append(report, statement.executeQuery("""
					SELECT l.pid, l.locktype, l.mode, l.granted, c.relname FROM pg_locks l
					    LEFT JOIN pg_class c ON c.oid = l.relation
					WHERE l.pid IN (SELECT pid FROM pg_locks WHERE NOT granted) OR NOT l.granted"""));
		}
		catch (SQLException ex) {
			report.append("Could not read the database's activity: ").append(ex).append('\n');
		}
		return report.toString();
	}

	private static void append(StringBuilder report, ResultSet rows) throws SQLException {
		ResultSetMetaData columns = rows.getMetaData();
		while (rows.next()) {
			for (int column = 1; column <= columns.getColumnCount(); column++) {
				report.append(columns.getColumnLabel(column)).append('=').append(rows.getString(column)).append(' ');
			}
			report.append('\n');
		}
	}

}
