package dev.beacon.notifier.delivery;

import dev.beacon.outbox.Purge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes delivered deliveries after {@code beacon.notifier.purge.delivered-retention}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryPurge {

	static final int BATCH = 5000;

	@Bean
	Purge deliveredPurge(Deliveries deliveries, DeliveryPurgeProperties properties) {
		return new Purge("delivered deliveries", properties.interval(),
				() -> deliveries.purgeDelivered(properties.deliveredRetention(), BATCH));
	}

}
