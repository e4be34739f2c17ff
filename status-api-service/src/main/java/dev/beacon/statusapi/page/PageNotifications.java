package dev.beacon.statusapi.page;

import dev.beacon.outbox.DatabaseNotifications;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wakes the page publisher when a page is marked dirty, in any replica. */
@Configuration(proxyBeanMethods = false)
class PageNotifications {

	@Bean
	DatabaseNotifications pageDirtyNotifications(ConnectionFactory connections, PagePublisher publisher) {
		return new DatabaseNotifications(connections, PagePublisher.NOTIFICATION_CHANNEL, publisher::wake);
	}

}
