package dev.beacon.outbox.consumer;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How consumers retry a failed message (see {@link ConsumerFailures}).
 *
 * @param initialInterval the wait before the first retry
 * @param multiplier how much each further wait grows
 * @param maxInterval the longest wait between two attempts: a transient failure is
 * retried at least this often for as long as it lasts
 * @param otherFailureAttempts how many times a message that fails neither transiently nor
 * as poison is attempted before it is dead-lettered
 */
@ConfigurationProperties("beacon.consumer.retry")
@Validated
public record ConsumerRetryProperties(@NotNull @DefaultValue("200ms") Duration initialInterval,
		@DecimalMin("1.0") @DefaultValue("2.0") double multiplier, @NotNull @DefaultValue("5s") Duration maxInterval,
		@Min(1) @Max(100) @DefaultValue("3") int otherFailureAttempts) {

	public ConsumerRetryProperties {
		if (initialInterval != null && maxInterval != null && (initialInterval.isNegative() || initialInterval.isZero()
				|| maxInterval.compareTo(initialInterval) < 0 || maxInterval.compareTo(Duration.ofMinutes(4)) > 0)) {
			// above the consumer's max.poll.interval.ms (5 min) the broker would take the
			// partitions away while the consumer waits
			throw new IllegalArgumentException("beacon.consumer.retry.initial-interval must be positive and at most "
					+ "beacon.consumer.retry.max-interval, which must be at most 4m");
		}
	}

}
