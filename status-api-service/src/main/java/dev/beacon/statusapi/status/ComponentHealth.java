package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;

/**
 * What is known of one component's health: its status since when and why, and the run of
 * consecutive failed probes that an outage needs before it is confirmed.
 */
public record ComponentHealth(ComponentStatus status, Instant since, String reason, int consecutiveFailures,
		Instant lastObservedAt) {

	/**
	 * Observations older than this many check intervals no longer count: the status is
	 * unknown.
	 */
	static final int FRESHNESS_INTERVALS = 3;

	public ComponentHealth {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(since, "since");
	}

	/** A component that has never been observed. */
	public static ComponentHealth unobserved(Instant since) {
		return new ComponentHealth(ComponentStatus.UNKNOWN, since, "No observation yet", 0, null);
	}

	/**
	 * The health after one HTTP probe. A healthy or slow answer takes effect at once; a
	 * failure turns the component to outage only once {@code failureThreshold} failures
	 * came in a row.
	 */
	public ComponentHealth afterHttpProbe(HttpCheck check, HttpProbe probe) {
		if (this.lastObservedAt != null && probe.observedAt().isBefore(this.lastObservedAt)) {
			return this;
		}
		ComponentStatus verdict = probe.verdict(check);
		if (verdict != ComponentStatus.OUTAGE) {
			return next(verdict, probe.describe(check), 0, probe.observedAt());
		}
		int failures = this.consecutiveFailures + 1;
		if (failures >= check.failureThreshold() || this.status == ComponentStatus.OUTAGE) {
			return next(ComponentStatus.OUTAGE, probe.describe(check), failures, probe.observedAt());
		}
		return new ComponentHealth(this.status, this.since, this.reason, failures, probe.observedAt());
	}

	private ComponentHealth next(ComponentStatus status, String reason, int failures, Instant observedAt) {
		Instant changedAt = (status == this.status) ? this.since : observedAt;
		String why = (status == this.status && reason == null) ? this.reason : reason;
		return new ComponentHealth(status, changedAt, why, failures, observedAt);
	}

	/** Whether the status differs from {@code previous}'s. */
	public boolean changedFrom(ComponentHealth previous) {
		return this.status != previous.status;
	}

	/**
	 * The status to show at {@code now}: {@code unknown} once the newest observation is
	 * stale.
	 */
	public ComponentStatus statusAt(Instant now, int intervalSeconds) {
		if (this.lastObservedAt == null) {
			return ComponentStatus.UNKNOWN;
		}
		Duration freshness = Duration.ofSeconds((long) intervalSeconds * FRESHNESS_INTERVALS);
		return this.lastObservedAt.plus(freshness).isBefore(now) ? ComponentStatus.UNKNOWN : this.status;
	}

}
