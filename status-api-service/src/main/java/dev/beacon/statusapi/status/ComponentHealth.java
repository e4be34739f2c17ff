package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;

/**
 * What is known of one component's health: its status since when and why, and the run of
 * consecutive failed probes that an outage needs before it is confirmed.
 * <p>
 * Two clocks meet here. {@code lastObservedAt} is the collector's: it only tells the
 * observations of one collector apart, in order. {@code since}, {@code lastReceivedAt}
 * and {@code staleAt} are status-api's own (the receiver's), so a collector whose clock
 * is wrong can neither keep stale data looking fresh nor get its fresh data ignored.
 *
 * @param status the component's status
 * @param since when status-api saw the status begin
 * @param reason why, or null when all is well
 * @param consecutiveFailures failed probes in a row
 * @param lastObservedAt the collector's time of the newest applied observation; null
 * before the first
 * @param lastReceivedAt when the newest applied observation arrived; null before the
 * first
 * @param staleAt when the data goes stale unless another observation arrives; null before
 * the first
 * @param degradation for a degraded status, {@code performance} (slow but answering) or
 * {@code partial} (some of it down); null for any other status
 */
public record ComponentHealth(ComponentStatus status, Instant since, String reason, int consecutiveFailures,
		Instant lastObservedAt, Instant lastReceivedAt, Instant staleAt, String degradation) {

	/**
	 * Without an observation received for this many check intervals, the component's data
	 * is stale and its status unknown.
	 */
	static final int FRESHNESS_INTERVALS = 3;

	/**
	 * An observation older (by the collector's clock) than the newest applied one is
	 * late, unless nothing was received for this many check intervals: then the sequence
	 * it belonged to has stopped (a collector replica with another clock took over, or
	 * the collector's clock was stepped back) and a new one begins.
	 */
	static final int SEQUENCE_BREAK_INTERVALS = 2;

	/** The degradation of a slow answer: counts as up. */
	static final String PERFORMANCE = "performance";

	/** The reason of a status that turned unknown because its data went stale. */
	static final String STALE_REASON = "No recent observation";

	public ComponentHealth {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(since, "since");
		if (status != ComponentStatus.DEGRADED) {
			degradation = null;
		}
	}

	/** A health without a degradation kind. */
	public ComponentHealth(ComponentStatus status, Instant since, String reason, int consecutiveFailures,
			Instant lastObservedAt, Instant lastReceivedAt, Instant staleAt) {
		this(status, since, reason, consecutiveFailures, lastObservedAt, lastReceivedAt, staleAt, null);
	}

	/** A component that has never been observed. */
	public static ComponentHealth unobserved(Instant since) {
		return new ComponentHealth(ComponentStatus.UNKNOWN, since, "No observation yet", 0, null, null, null);
	}

	/**
	 * The health after one HTTP probe that status-api received at {@code receivedAt}. A
	 * healthy or slow answer takes effect at once; a failure turns the component to
	 * outage only once {@code failureThreshold} failures came in a row. A late probe (see
	 * {@link #isLate}) changes nothing, not even freshness.
	 */
	public ComponentHealth afterHttpProbe(HttpCheck check, HttpProbe probe, Instant receivedAt) {
		ComponentHealth after = afterProbe(check, probe, receivedAt);
		if (this.status != ComponentStatus.MAINTENANCE) {
			return after;
		}
		// under maintenance the probes keep counting and the data stays fresh, but the
		// status stays: a planned outage is not news
		return new ComponentHealth(this.status, this.since, this.reason, after.consecutiveFailures,
				after.lastObservedAt, after.lastReceivedAt, after.staleAt, this.degradation);
	}

	/**
	 * The same health with another status set from outside the probes (maintenance
	 * starting or ending), since {@code at}; the failure run starts again.
	 */
	ComponentHealth under(ComponentStatus newStatus, Instant at, String why) {
		return new ComponentHealth(newStatus, at, why, 0, this.lastObservedAt, this.lastReceivedAt, this.staleAt);
	}

	private ComponentHealth afterProbe(HttpCheck check, HttpProbe probe, Instant receivedAt) {
		if (isLate(check, probe, receivedAt)) {
			return this;
		}
		Instant staleAt = receivedAt.plus(interval(check).multipliedBy(FRESHNESS_INTERVALS));
		ComponentStatus verdict = probe.verdict(check);
		if (verdict != ComponentStatus.OUTAGE) {
			// a slow answer is the one degradation an HTTP probe sees
			return next(verdict, probe.describe(check), 0, probe.observedAt(), receivedAt, staleAt)
				.withDegradation((verdict == ComponentStatus.DEGRADED) ? PERFORMANCE : null);
		}
		int failures = this.consecutiveFailures + 1;
		if (failures >= check.failureThreshold() || this.status == ComponentStatus.OUTAGE) {
			return next(ComponentStatus.OUTAGE, probe.describe(check), failures, probe.observedAt(), receivedAt,
					staleAt);
		}
		return new ComponentHealth(this.status, this.since, this.reason, failures, probe.observedAt(), receivedAt,
				staleAt, this.degradation);
	}

	/** The same health with another degradation kind (ignored unless degraded). */
	public ComponentHealth withDegradation(String kind) {
		return new ComponentHealth(this.status, this.since, this.reason, this.consecutiveFailures, this.lastObservedAt,
				this.lastReceivedAt, this.staleAt, kind);
	}

	/**
	 * Whether {@code probe} is late: observed before the newest applied observation (a
	 * redelivery of an older event, a replay from a dead-letter topic, or the overlap of
	 * two collector replicas) while that observation's sequence is still going on.
	 */
	boolean isLate(HttpCheck check, HttpProbe probe, Instant receivedAt) {
		if (this.lastObservedAt == null || this.lastReceivedAt == null
				|| !probe.observedAt().isBefore(this.lastObservedAt)) {
			return false;
		}
		Instant sequenceBreak = this.lastReceivedAt.plus(interval(check).multipliedBy(SEQUENCE_BREAK_INTERVALS));
		return receivedAt.isBefore(sequenceBreak);
	}

	private ComponentHealth next(ComponentStatus status, String reason, int failures, Instant observedAt,
			Instant receivedAt, Instant staleAt) {
		Instant changedAt = (status == this.status) ? this.since : receivedAt;
		String why = (status == this.status && reason == null) ? this.reason : reason;
		return new ComponentHealth(status, changedAt, why, failures, observedAt, receivedAt, staleAt);
	}

	private static Duration interval(HttpCheck check) {
		return Duration.ofSeconds(check.intervalSeconds());
	}

	/** Whether the status differs from {@code previous}'s. */
	public boolean changedFrom(ComponentHealth previous) {
		return this.status != previous.status;
	}

	/**
	 * Whether the status or its degradation kind differs from {@code previous}'s: a new
	 * interval of the history, even where no status change is published.
	 */
	public boolean kindChangedFrom(ComponentHealth previous) {
		return changedFrom(previous) || !Objects.equals(this.degradation, previous.degradation);
	}

}
