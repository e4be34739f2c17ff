package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.beacon.events.ComponentStatus;

/**
 * Milliseconds spent in each status over some span of time, and the uptime they make.
 * <p>
 * Uptime is time-weighted: {@code 1 − (outage + 0.3 × partial) / counted}, where counted
 * time is operational, performance, partial and outage time; maintenance and unknown
 * leave the denominator. It is given as a percent truncated (never rounded up) to
 * {@value #DECIMALS} decimals, so a page never shows 100% for a span with any downtime.
 * Computed in integers (tenths of milliseconds), so it is exact before the truncation.
 */
public record StatusTime(long operational, long performance, long partial, long outage, long maintenance,
		long unknown) {

	/** Decimals of an uptime or coverage percent. */
	public static final int DECIMALS = 3;

	public static final StatusTime NONE = new StatusTime(0, 0, 0, 0, 0, 0);

	/** {@code millis} spent in {@code kind}. */
	public static StatusTime of(StatusKind kind, long millis) {
		return switch (kind) {
			case OPERATIONAL -> new StatusTime(millis, 0, 0, 0, 0, 0);
			case PERFORMANCE -> new StatusTime(0, millis, 0, 0, 0, 0);
			case PARTIAL -> new StatusTime(0, 0, millis, 0, 0, 0);
			case OUTAGE -> new StatusTime(0, 0, 0, millis, 0, 0);
			case MAINTENANCE -> new StatusTime(0, 0, 0, 0, millis, 0);
			case UNKNOWN -> new StatusTime(0, 0, 0, 0, 0, millis);
		};
	}

	public StatusTime plus(StatusTime other) {
		return new StatusTime(this.operational + other.operational, this.performance + other.performance,
				this.partial + other.partial, this.outage + other.outage, this.maintenance + other.maintenance,
				this.unknown + other.unknown);
	}

	/** Time that counts for uptime: neither maintenance nor unknown. */
	public long counted() {
		return this.operational + this.performance + this.partial + this.outage;
	}

	/** Time whose status is known (maintenance included). */
	public long known() {
		return counted() + this.maintenance;
	}

	/** The uptime percent, or null when no time counted. */
	public BigDecimal uptimePercent() {
		long counted = counted();
		if (counted == 0) {
			return null;
		}
		// in tenths of a millisecond, so 0.3 × partial stays an integer
		long downTenths = this.outage * 10 + this.partial * 3;
		long countedTenths = counted * 10;
		return percent(countedTenths - downTenths, countedTenths);
	}

	/**
	 * The share of {@code windowMillis} whose status is known, as a percent; null for an
	 * empty window.
	 */
	public BigDecimal coveragePercent(long windowMillis) {
		if (windowMillis <= 0) {
			return null;
		}
		return percent(Math.min(known(), windowMillis), windowMillis);
	}

	/**
	 * The worst status seen for any time at all: outage, then degraded, maintenance,
	 * operational; null when nothing but unknown (or nothing) was seen.
	 */
	public ComponentStatus worst() {
		if (this.outage > 0) {
			return ComponentStatus.OUTAGE;
		}
		if (this.partial > 0 || this.performance > 0) {
			return ComponentStatus.DEGRADED;
		}
		if (this.maintenance > 0) {
			return ComponentStatus.MAINTENANCE;
		}
		if (this.operational > 0) {
			return ComponentStatus.OPERATIONAL;
		}
		return null;
	}

	static BigDecimal percent(long part, long whole) {
		return BigDecimal.valueOf(part)
			.multiply(BigDecimal.valueOf(100))
			.divide(BigDecimal.valueOf(whole), DECIMALS, RoundingMode.DOWN);
	}

}
