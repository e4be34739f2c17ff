package dev.beacon.collector.probe;

import java.time.Instant;

/**
 * What one probe saw: a status code and latency when an answer came, an error when none
 * did.
 */
public record ProbeResult(Instant startedAt, Integer httpStatus, Long latencyMillis, String error) {
}
