package dev.beacon.notifier.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval how often the worker looks for due deliveries without being woken:
 * a fallback only (a fan-out in any replica, a finished attempt, and the next delivery
 * coming due wake it)
 * @param concurrency how many attempts this replica makes at once, over all channels and
 * targets; a new delivery is claimed as soon as one finishes
 * @param batchSize how many deliveries one claim takes at most
 * @param maxAttempts after this many failed attempts a delivery is {@code failed}
 * @param backoffBase the wait after the first failed attempt; it doubles with every
 * further one
 * @param backoffMax the longest wait between attempts
 * @param busyDelay how long a delivery whose target is busy waits before it is claimed
 * again (without counting an attempt); jittered up to twice as long
 * @param lease how long a claimed delivery stays invisible to other workers; must outlast
 * an attempt (the webhook and SMTP timeouts)
 * @param stopTimeout how long stopping waits for attempts in flight to be recorded
 * @param giveUpAfter a delivery still not delivered this long after it was made fails (a
 * target whose circuit stays open keeps its deliveries waiting until then)
 * @param parkedPerLane how many claimed deliveries whose target is busy wait in memory
 * for it, per lane (a webhook host, the SMTP server); beyond that they go back to the
 * database for {@code busy-delay}
 * @param maxParked how many claimed deliveries wait in memory at most, over all lanes
 * @param attemptTimeout the longest one attempt, recording its outcome included, may take
 * before the worker gives its slot back (the row is retried when its lease ends); longer
 * than any channel's own timeouts, shorter than the lease
 */
@ConfigurationProperties("beacon.notifier.delivery")
@Validated
record DeliveryProperties(@NotNull @DefaultValue("30s") Duration pollInterval,
		@Min(1) @Max(1000) @DefaultValue("64") int concurrency, @Min(1) @Max(500) @DefaultValue("50") int batchSize,
		@Min(1) @Max(100) @DefaultValue("8") int maxAttempts, @NotNull @DefaultValue("1s") Duration backoffBase,
		@NotNull @DefaultValue("10m") Duration backoffMax, @NotNull @DefaultValue("250ms") Duration busyDelay,
		@NotNull @DefaultValue("2m") Duration lease, @NotNull @DefaultValue("15s") Duration stopTimeout,
		@NotNull @DefaultValue("24h") Duration giveUpAfter, @Min(0) @Max(100000) @DefaultValue("256") int parkedPerLane,
		@Min(0) @Max(1000000) @DefaultValue("2048") int maxParked, Duration attemptTimeout) {

	DeliveryProperties {
		if (backoffBase != null && backoffMax != null
				&& (backoffBase.isNegative() || backoffBase.isZero() || backoffMax.compareTo(backoffBase) < 0)) {
			throw new IllegalArgumentException("beacon.notifier.delivery.backoff-base must be positive and at most "
					+ "beacon.notifier.delivery.backoff-max");
		}
		if (attemptTimeout == null && lease != null) {
			Duration threeQuarters = lease.multipliedBy(3).dividedBy(4);
			attemptTimeout = (threeQuarters.compareTo(Duration.ofSeconds(45)) < 0) ? threeQuarters
					: Duration.ofSeconds(45);
		}
		if (attemptTimeout != null && lease != null && attemptTimeout.compareTo(lease) >= 0) {
			throw new IllegalArgumentException(
					"beacon.notifier.delivery.attempt-timeout must be shorter than beacon.notifier.delivery.lease");
		}
		for (Duration duration : new Duration[] { pollInterval, busyDelay, lease, stopTimeout, giveUpAfter,
				attemptTimeout }) {
			if (duration != null && (duration.isNegative() || duration.isZero())) {
				throw new IllegalArgumentException(
						"beacon.notifier.delivery: poll-interval, busy-delay, lease, stop-timeout, give-up-after and attempt-timeout must be positive");
			}
		}
	}

	Backoff backoff() {
		return new Backoff(this.backoffBase, this.backoffMax);
	}

}
