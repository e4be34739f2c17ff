package dev.beacon.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param deliveredRetention how long a delivered delivery stays visible (failed ones stay
 * until their subscriber's application is deleted: they are what an operator looks at)
 * @param interval how often older deliveries are deleted
 */
@ConfigurationProperties("beacon.notifier.purge")
@Validated
record DeliveryPurgeProperties(@NotNull @DefaultValue("30d") Duration deliveredRetention,
		@NotNull @DefaultValue("1h") Duration interval) {

	DeliveryPurgeProperties {
		if (deliveredRetention != null && (deliveredRetention.isNegative() || deliveredRetention.isZero())) {
			throw new IllegalArgumentException("beacon.notifier.purge.delivered-retention must be positive");
		}
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("beacon.notifier.purge.interval must be positive");
		}
	}

}
