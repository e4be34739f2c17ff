package dev.beacon.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Import into a service that consumes events and publishes none; its migrations create
 * the {@code processed_events} table (see this module's README).
 */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

	@Bean
	Inbox inbox(DatabaseClient database) {
		return new Inbox(database);
	}

}
