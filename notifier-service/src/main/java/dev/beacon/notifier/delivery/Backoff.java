package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after attempt {@code n} the next one waits between
 * half and all of {@code base × 2^(n-1)}, capped at {@code max}. The jitter spreads
 * retries of many deliveries that failed together (one receiver down) instead of hitting
 * it in lock-step.
 */
record Backoff(Duration base, Duration max) {

	Backoff {
		if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
			throw new IllegalArgumentException("The backoff base must be positive and at most the maximum");
		}
	}

	/** The ceiling of the delay after {@code attempts} attempts (at least 1). */
	Duration ceiling(int attempts) {
		int doublings = Math.max(0, Math.min(attempts - 1, 40));
		long millis = this.base.toMillis();
		long cap = this.max.toMillis();
		for (int i = 0; i < doublings && millis < cap; i++) {
			millis *= 2;
		}
		return Duration.ofMillis(Math.min(millis, cap));
	}

	Duration delay(int attempts, RandomGenerator random) {
		long ceiling = ceiling(attempts).toMillis();
		long floor = ceiling / 2;
		return Duration.ofMillis(floor + random.nextLong(ceiling - floor + 1));
	}

}
