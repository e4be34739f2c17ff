package dev.beacon.notifier;

import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A database of the shared PostgreSQL server migrated like the notifier's, for tests of
 * its repositories without the service around them.
 */
public final class MigratedDatabase {

	private MigratedDatabase() {
	}

	/** Makes database {@code name}, migrates it, and returns a client of it. */
	public static DatabaseClient client(String name) {
		TestDatabase database = TestInfrastructure.database(name);
		Flyway.configure()
			.dataSource(database.jdbcUrl(), database.username(), database.password())
			.locations("classpath:db/migration/notifier")
			.load()
			.migrate();
		return DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, database.username())
			.option(ConnectionFactoryOptions.PASSWORD, database.password())
			.build()));
	}

}
