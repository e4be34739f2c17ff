package dev.beacon.outbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Import into a service that consumes events and publishes none; its migrations create
 * the {@code processed_events} table (see this module's README). Rows older than
 * {@code beacon.inbox.retention} are purged every {@code beacon.inbox.purge-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxConfiguration {

	@Bean
	Inbox inbox(DatabaseClient database) {
		return new Inbox(database);
	}

	@Bean
	Purge inboxPurge(Inbox inbox, InboxProperties properties) {
		return new Purge("processed events", properties.purgeInterval(),
				() -> inbox.purgeOneBatch(properties.retention()));
	}

}
