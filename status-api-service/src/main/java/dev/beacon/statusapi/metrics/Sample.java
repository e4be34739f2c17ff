package dev.beacon.statusapi.metrics;

import java.time.Instant;

/** One point of a metric's history. */
public record Sample(Instant at, double value) {
}
