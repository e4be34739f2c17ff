package dev.beacon.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval how often the relay looks for rows without being woken (a commit in
 * this replica, or a PostgreSQL notification from any replica, wakes it at once; a failed
 * row or run wakes it when it is due): a fallback only, so it may be long
 * @param maxAttempts after this many failed attempts to publish it, a row is moved to
 * {@code outbox_failed}
 * @param retryInterval the wait before a failed row is attempted again; it doubles with
 * every counted attempt
 * @param retryMaxInterval the longest wait between two attempts of a failed row
 */
@ConfigurationProperties("beacon.outbox")
@Validated
record OutboxProperties(@NotNull @DefaultValue("30s") Duration pollInterval,
		@Min(1) @Max(1000) @DefaultValue("10") int maxAttempts, @NotNull @DefaultValue("1s") Duration retryInterval,
		@NotNull @DefaultValue("1m") Duration retryMaxInterval) {

	OutboxProperties {
		if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
			throw new IllegalArgumentException("beacon.outbox.poll-interval must be positive");
		}
		if (retryInterval != null && retryMaxInterval != null && (retryInterval.isNegative() || retryInterval.isZero()
				|| retryMaxInterval.compareTo(retryInterval) < 0)) {
			throw new IllegalArgumentException(
					"beacon.outbox.retry-interval must be positive and at most beacon.outbox.retry-max-interval");
		}
	}

	Duration retryDelay(int countedAttempts) {
		long factor = 1L << Math.min(Math.max(countedAttempts - 1, 0), 20);
		Duration delay = this.retryInterval.multipliedBy(factor);
		return (delay.compareTo(this.retryMaxInterval) > 0) ? this.retryMaxInterval : delay;
	}

}
