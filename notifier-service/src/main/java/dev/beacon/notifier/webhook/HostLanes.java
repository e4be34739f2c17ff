package dev.beacon.notifier.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One lane per receiving host (and port): a bound on the attempts in flight to it and a
 * resilience4j circuit breaker, so a host that is slow or down costs its own subscribers
 * a few slots, never every tenant's deliveries. Idle lanes are dropped when there are
 * many.
 */
final class HostLanes {

	static final int MAX_IDLE_LANES = 10_000;

	private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

	private final int perHost;

	private final CircuitBreakerConfig breakerConfig;

	HostLanes(int perHost, float failureRate, int minimumCalls, Duration openFor) {
		this.perHost = perHost;
		this.breakerConfig = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(Math.max(minimumCalls, 10))
			.minimumNumberOfCalls(minimumCalls)
			.failureRateThreshold(failureRate)
			.waitDurationInOpenState(openFor)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

	Lane lane(String host) {
		if (this.lanes.size() > MAX_IDLE_LANES) {
			this.lanes.values().removeIf(Lane::idle);
		}
		return this.lanes.computeIfAbsent(host, (key) -> new Lane(new Semaphore(this.perHost),
				CircuitBreaker.of("webhook:" + key, this.breakerConfig), this.perHost));
	}

	/** The breaker's state for a host, for tests and logs. */
	CircuitBreaker.State state(String host) {
		Lane lane = this.lanes.get(host);
		return (lane != null) ? lane.breaker().getState() : CircuitBreaker.State.CLOSED;
	}

	record Lane(Semaphore permits, CircuitBreaker breaker, int size) {

		boolean idle() {
			return this.permits.availablePermits() == this.size
					&& this.breaker.getState() == CircuitBreaker.State.CLOSED;
		}

	}

}
