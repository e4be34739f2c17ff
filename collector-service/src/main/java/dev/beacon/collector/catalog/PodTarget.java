package dev.beacon.collector.catalog;

import java.time.Duration;
import java.util.UUID;

/**
 * The pods of one component to watch: those in {@code namespace} matching
 * {@code labelSelector}, reported at least every {@code interval}.
 */
public record PodTarget(UUID applicationId, UUID componentId, String namespace, String labelSelector,
		Duration interval) {
}
