package dev.beacon.collector.probe;

import java.time.Instant;
import java.util.Map;

/**
 * What one probe saw: a status code and latency when an answer came, an error when none
 * did (or its body lacked the expected text); {@code details} holds the TLS certificate's
 * days to expiry of an https answer, or is null.
 */
public record ProbeResult(Instant startedAt, Integer httpStatus, Long latencyMillis, String error,
		Map<String, Object> details) {
}
