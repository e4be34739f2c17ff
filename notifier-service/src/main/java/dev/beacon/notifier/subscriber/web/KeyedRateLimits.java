package dev.beacon.notifier.subscriber.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * A resilience4j rate limiter per key (a client address, a mail address), never waiting:
 * a request over the limit is refused at once. The least recently used keys are forgotten
 * beyond {@code maxKeys}, so the map cannot grow without bound.
 */
final class KeyedRateLimits {

	private final RateLimiterConfig config;

	private final Map<String, RateLimiter> limiters;

	private final Duration period;

	KeyedRateLimits(int limit, Duration period, int maxKeys) {
		this.period = period;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
		this.limiters = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
				return size() > maxKeys;
			}
		};
	}

	/** Takes one permit for {@code key}; false when its limit is used up. */
	boolean tryAcquire(String key) {
		RateLimiter limiter;
		synchronized (this.limiters) {
			limiter = this.limiters.computeIfAbsent(key, (name) -> RateLimiter.of("subscribe", this.config));
		}
		return limiter.acquirePermission();
	}

	Duration period() {
		return this.period;
	}

}
