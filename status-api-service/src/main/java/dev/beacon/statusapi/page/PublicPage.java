package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.List;

import dev.beacon.statusapi.status.CurrentStatus.ComponentState;
import dev.beacon.statusapi.status.OverallStatus;

/** Everything a status page shows, as of {@code generatedAt}. */
public record PublicPage(String slug, String name, OverallStatus status, List<ComponentState> components,
		List<PageIncident> incidents, Instant generatedAt) {
}
