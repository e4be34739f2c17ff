package dev.beacon.statusapi.history;

import java.time.Instant;

/** The status a component is in now, since when: the one interval not yet rolled up. */
public record OpenInterval(StatusKind kind, Instant since) {
}
