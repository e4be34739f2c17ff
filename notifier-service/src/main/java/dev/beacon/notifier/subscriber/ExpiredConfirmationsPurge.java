package dev.beacon.notifier.subscriber;

import java.time.Instant;

import dev.beacon.outbox.Purge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Forgets addresses never confirmed within their time (and, with them, their links), and
 * unsubscribe links past their validity.
 */
@Configuration(proxyBeanMethods = false)
class ExpiredConfirmationsPurge {

	static final int BATCH = 5000;

	@Bean
	Purge unconfirmedPurge(Subscribers subscribers, SubscriptionProperties properties) {
		return new Purge("expired confirmations and links", properties.purgeInterval(),
				() -> subscribers.purgeExpiredConfirmations(Instant.now(), BATCH));
	}

}
