package dev.beacon.notifier.delivery;

import dev.beacon.outbox.DatabaseNotifications;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wakes the delivery worker when deliveries are added, by any replica. */
@Configuration(proxyBeanMethods = false)
class DeliveryNotifications {

	/** The channel of V5's trigger on {@code deliveries}. */
	static final String CHANNEL = "beacon_deliveries";

	@Bean
	DatabaseNotifications deliveriesAddedNotifications(ConnectionFactory connections, DeliveryWorker worker) {
		return new DatabaseNotifications(connections, CHANNEL, worker::wake);
	}

}
