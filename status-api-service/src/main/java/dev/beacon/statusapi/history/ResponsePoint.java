package dev.beacon.statusapi.history;

import java.time.Instant;

/** Response times of the checks of one hour or day, which begins {@code at}. */
public record ResponsePoint(Instant at, long meanMillis, long p50Millis, long p95Millis, long maxMillis) {

	static ResponsePoint of(Instant at, ResponseSummary times) {
		return new ResponsePoint(at, times.meanMillis(), times.p50Millis(), times.p95Millis(), times.maxMillis());
	}

}
