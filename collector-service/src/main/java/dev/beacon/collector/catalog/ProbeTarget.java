package dev.beacon.collector.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** One HTTP check to probe: the component it observes and how. */
public record ProbeTarget(UUID applicationId, UUID componentId, URI url, int expectedStatus, Duration interval,
		Duration timeout) {
}
