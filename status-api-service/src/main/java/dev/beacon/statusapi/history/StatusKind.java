package dev.beacon.statusapi.history;

import dev.beacon.events.ComponentStatus;

/**
 * The statuses uptime tells apart: degraded splits into performance (slow but answering,
 * counts as up) and partial (some capacity down, counts 0.3 down).
 */
public enum StatusKind {

	OPERATIONAL, PERFORMANCE, PARTIAL, OUTAGE, MAINTENANCE, UNKNOWN;

	/** The degradation kind that counts 0.3 down. */
	public static final String PARTIAL_DEGRADATION = "partial";

	/** The degradation kind that counts as up. */
	public static final String PERFORMANCE_DEGRADATION = "performance";

	/**
	 * The kind of {@code status}; a degraded status without a known degradation is taken
	 * as performance (a slow HTTP answer, the only degradation there was before pods).
	 */
	public static StatusKind of(ComponentStatus status, String degradation) {
		return switch (status) {
			case OPERATIONAL -> OPERATIONAL;
			case DEGRADED -> PARTIAL_DEGRADATION.equals(degradation) ? PARTIAL : PERFORMANCE;
			case OUTAGE -> OUTAGE;
			case MAINTENANCE -> MAINTENANCE;
			case UNKNOWN -> UNKNOWN;
		};
	}

	/** The status this kind belongs to. */
	public ComponentStatus status() {
		return switch (this) {
			case OPERATIONAL -> ComponentStatus.OPERATIONAL;
			case PERFORMANCE, PARTIAL -> ComponentStatus.DEGRADED;
			case OUTAGE -> ComponentStatus.OUTAGE;
			case MAINTENANCE -> ComponentStatus.MAINTENANCE;
			case UNKNOWN -> ComponentStatus.UNKNOWN;
		};
	}

}
