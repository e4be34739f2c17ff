package dev.beacon.statusapi.status;

import java.util.Collection;

import dev.beacon.events.ComponentStatus;

/**
 * A page's status as a whole: the worst of its components, in words a visitor
 * understands.
 */
public record OverallStatus(ComponentStatus status, String description) {

	public static OverallStatus of(Collection<ComponentStatus> components) {
		long outages = components.stream().filter((status) -> status == ComponentStatus.OUTAGE).count();
		if (outages > 0) {
			return new OverallStatus(ComponentStatus.OUTAGE,
					(outages == components.size()) ? "Major Outage" : "Partial Outage");
		}
		if (components.contains(ComponentStatus.DEGRADED)) {
			return new OverallStatus(ComponentStatus.DEGRADED, "Partially Degraded");
		}
		if (components.contains(ComponentStatus.MAINTENANCE)) {
			return new OverallStatus(ComponentStatus.MAINTENANCE, "Under Maintenance");
		}
		if (components.isEmpty() || components.contains(ComponentStatus.UNKNOWN)) {
			return new OverallStatus(ComponentStatus.UNKNOWN, "Status Unknown");
		}
		return new OverallStatus(ComponentStatus.OPERATIONAL, "All Systems Operational");
	}

}
