package dev.beacon.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval how often the worker looks for due deliveries without being woken
 * (a fan-out in this replica wakes it at once)
 * @param batchSize how many deliveries one poll claims (and sends concurrently) at most
 * @param maxAttempts after this many failed attempts a delivery is {@code failed}
 * @param backoffBase the wait after the first failed attempt; it doubles with every
 * further one
 * @param backoffMax the longest wait between attempts
 * @param lease how long a claimed delivery stays invisible to other workers; must outlast
 * an attempt (the webhook timeout)
 */
@ConfigurationProperties("beacon.notifier.delivery")
@Validated
record DeliveryProperties(@NotNull @DefaultValue("1s") Duration pollInterval,
		@Min(1) @Max(500) @DefaultValue("20") int batchSize, @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
		@NotNull @DefaultValue("1s") Duration backoffBase, @NotNull @DefaultValue("10m") Duration backoffMax,
		@NotNull @DefaultValue("2m") Duration lease) {

	DeliveryProperties {
		if (backoffBase != null && backoffMax != null
				&& (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0)) {
			throw new IllegalArgumentException("beacon.notifier.delivery.backoff-base must be positive and at most "
					+ "beacon.notifier.delivery.backoff-max");
		}
		if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
			throw new IllegalArgumentException("beacon.notifier.delivery.poll-interval must be positive");
		}
	}

	Backoff backoff() {
		return new Backoff(this.backoffBase, this.backoffMax);
	}

}
