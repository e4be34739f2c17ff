package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;

/**
 * What is known of one component's health: its status since when and why, and the run of
 * consecutive failed probes that an outage needs before it is confirmed.
 * <p>
 * Two clocks meet here. {@code lastObservedAt} is the collector's: it tells the
 * observations of one collector apart, in order. {@code lastReceivedAt} and
 * {@code staleAt} are status-api's own (the receiver's). Between them is
 * {@code clockOffset}: the smallest delay from observation to receipt seen lately, which
 * is the collector's clock offset plus the pipeline's quickest transit. An observation
 * counts as seen at its observation time plus that offset, on the receiver's clock: so a
 * collector whose clock is wrong can neither keep stale data looking fresh nor get its
 * fresh data ignored, and an observation that waited in a backlog (the database or this
 * service was down) counts as old as it is, not as new as its receipt.
 *
 * @param status the component's status
 * @param since when the status began: the collector's observation time, capped at when
 * status-api received it, and never before the previous status began
 * @param reason why, or null when all is well
 * @param consecutiveFailures failed probes in a row
 * @param lastObservedAt the collector's time of the newest applied observation; null
 * before the first
 * @param lastReceivedAt when the newest applied observation arrived; null before the
 * first
 * @param staleAt when the data goes stale unless another observation arrives; null before
 * the first
 * @param degradation when degraded, which kind ({@code performance} or {@code partial}),
 * else null
 * @param http what the HTTP check alone says (after its consecutive-failures rule), null
 * before its first probe
 * @param pods what the pods alone say, null before their first observation
 * @param clockOffset the smallest receipt-minus-observation delay seen lately (see
 * {@link #OFFSET_RISE}); null before the first observation
 */
public record ComponentHealth(ComponentStatus status, Instant since, String reason, int consecutiveFailures,
		Instant lastObservedAt, Instant lastReceivedAt, Instant staleAt, String degradation, Verdict http,
		PodsVerdict pods, Duration clockOffset) {

	/** What one source says of the component. */
	public record Verdict(ComponentStatus status, String reason, String degradation) {
	}

	/**
	 * What the pods say of the component, with their counts and the collector's time of
	 * the observation (to tell late pod observations apart).
	 */
	public record PodsVerdict(ComponentStatus status, String reason, int ready, int total, Instant observedAt) {

		Verdict verdict() {
			return new Verdict(this.status, this.reason,
					(this.status == ComponentStatus.DEGRADED) ? PodCheck.PARTIAL : null);
		}

	}

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

	/**
	 * How much the clock offset may grow with each observation: enough to follow a
	 * collector clock that drifts behind (a drift of a second a day grows the delay by
	 * well under this per observation), too little for a backlog to look fresh (a backlog
	 * of a thousand observations of a component lets it grow by ten seconds). A clock
	 * stepped back is followed at once, at the sequence break.
	 */
	static final Duration OFFSET_RISE = Duration.ofMillis(10);

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

	/** A health known from HTTP probes alone, as kept before pods existed. */
	public ComponentHealth(ComponentStatus status, Instant since, String reason, int consecutiveFailures,
			Instant lastObservedAt, Instant lastReceivedAt, Instant staleAt) {
		this(status, since, reason, consecutiveFailures, lastObservedAt, lastReceivedAt, staleAt, null, null, null,
				null);
	}

	/** A component that has never been observed. */
	public static ComponentHealth unobserved(Instant since) {
		return new ComponentHealth(ComponentStatus.UNKNOWN, since, "No observation yet", 0, null, null, null);
	}

	/**
	 * The health after one observation of the component's pods, received at
	 * {@code receivedAt}: the pods' verdict takes effect at once, combined with the HTTP
	 * check's (the worse of the two). A late observation (older than the newest applied
	 * pod observation while its sequence goes on) changes nothing.
	 */
	public ComponentHealth afterPods(KubernetesSource source, PodCheck check, Instant receivedAt) {
		Duration interval = Duration.ofSeconds(source.intervalSeconds());
		if (this.pods != null && this.lastReceivedAt != null && check.observedAt().isBefore(this.pods.observedAt())
				&& receivedAt.isBefore(this.lastReceivedAt.plus(interval.multipliedBy(SEQUENCE_BREAK_INTERVALS)))) {
			return this;
		}
		PodsVerdict after = new PodsVerdict(check.verdict(), check.describe(), check.ready(), check.total(),
				check.observedAt());
		boolean sequenceBroke = this.pods != null && check.observedAt().isBefore(this.pods.observedAt());
		Duration offset = offsetAfter(check.observedAt(), receivedAt, sequenceBroke);
		Instant staleAt = later(this.staleAt,
				check.observedAt().plus(offset).plus(interval.multipliedBy(FRESHNESS_INTERVALS)));
		ComponentHealth next = combine(httpVerdict(), after, this.consecutiveFailures, check.observedAt(),
				this.lastObservedAt, receivedAt, staleAt, offset);
		return keepingMaintenance(next);
	}

	/**
	 * The health after one HTTP probe that status-api received at {@code receivedAt}. A
	 * healthy or slow answer takes effect at once; a failure turns the component to
	 * outage only once {@code failureThreshold} failures came in a row. A late probe (see
	 * {@link #isLate}) changes nothing, not even freshness.
	 */
	public ComponentHealth afterHttpProbe(HttpCheck check, HttpProbe probe, Instant receivedAt) {
		return keepingMaintenance(afterProbe(check, probe, receivedAt));
	}

	/**
	 * Under maintenance the probes keep counting and the data stays fresh, but the status
	 * stays: a planned outage is not news.
	 */
	private ComponentHealth keepingMaintenance(ComponentHealth after) {
		if (this.status != ComponentStatus.MAINTENANCE) {
			return after;
		}
		return new ComponentHealth(this.status, this.since, this.reason, after.consecutiveFailures,
				after.lastObservedAt, after.lastReceivedAt, after.staleAt, null, after.http, after.pods,
				after.clockOffset);
	}

	/**
	 * The same health with another status set from outside the probes (maintenance
	 * starting or ending), since {@code at}; the failure run and the sources' verdicts
	 * start again.
	 */
	ComponentHealth under(ComponentStatus newStatus, Instant at, String why) {
		// the sources' verdicts start again too: none revives a status from before
		return new ComponentHealth(newStatus, at, why, 0, this.lastObservedAt, this.lastReceivedAt, this.staleAt, null,
				null, null, this.clockOffset);
	}

	private ComponentHealth afterProbe(HttpCheck check, HttpProbe probe, Instant receivedAt) {
		if (isLate(check, probe, receivedAt)) {
			return this;
		}
		Instant observedAt = probe.observedAt();
		boolean sequenceBroke = this.lastObservedAt != null && observedAt.isBefore(this.lastObservedAt);
		Duration offset = offsetAfter(observedAt, receivedAt, sequenceBroke);
		Instant staleAt = later((this.pods != null) ? this.staleAt : null,
				observedAt.plus(offset).plus(interval(check).multipliedBy(FRESHNESS_INTERVALS)));
		ComponentStatus verdict = probe.verdict(check);
		Verdict before = httpVerdict();
		if (verdict != ComponentStatus.OUTAGE) {
			String why = probe.describe(check);
			if (why == null && before != null && before.status() == verdict) {
				why = before.reason();
			}
			return combine(new Verdict(verdict, why, probe.degradation(check)), this.pods, 0, observedAt, observedAt,
					receivedAt, staleAt, offset);
		}
		int failures = this.consecutiveFailures + 1;
		if (failures >= check.failureThreshold() || (before != null && before.status() == ComponentStatus.OUTAGE
				&& this.status == ComponentStatus.OUTAGE)) {
			return combine(new Verdict(ComponentStatus.OUTAGE, probe.describe(check), null), this.pods, failures,
					observedAt, observedAt, receivedAt, staleAt, offset);
		}
		// a failure not yet confirmed: the check still says what it said
		return combine(before, this.pods, failures, observedAt, observedAt, receivedAt, staleAt, offset);
	}

	/**
	 * What the HTTP check says now: its own verdict, or, for health kept before sources
	 * were told apart, the component's status when it was probed at all.
	 */
	private Verdict httpVerdict() {
		if (this.http != null) {
			return this.http;
		}
		if (this.pods == null && this.lastObservedAt != null && this.status != ComponentStatus.UNKNOWN
				&& this.status != ComponentStatus.MAINTENANCE) {
			return new Verdict(this.status, this.reason, this.degradation);
		}
		return null;
	}

	/**
	 * The clock offset after an observation made at {@code observedAt} and received at
	 * {@code receivedAt}: its own delay when that is smaller than the offset risen by
	 * {@link #OFFSET_RISE}, or when it is the first of its sequence; else the risen
	 * offset. Never more than the observation's own delay, so an observation never counts
	 * as seen after it was received.
	 */
	private Duration offsetAfter(Instant observedAt, Instant receivedAt, boolean sequenceBroke) {
		Duration delay = Duration.between(observedAt, receivedAt);
		if (this.clockOffset == null || sequenceBroke) {
			return delay;
		}
		Duration risen = this.clockOffset.plus(OFFSET_RISE);
		return (delay.compareTo(risen) < 0) ? delay : risen;
	}

	/**
	 * The component's health from its sources' verdicts: the worse of the two (a source
	 * without data yet has no say); on a tie of two degraded sources, the pods' kind
	 * ({@code partial}) and reason. {@code observedAt} is when the observation was made,
	 * {@code lastObservedAt} the newest HTTP probe's time to keep.
	 */
	private ComponentHealth combine(Verdict http, PodsVerdict pods, int failures, Instant observedAt,
			Instant lastObservedAt, Instant receivedAt, Instant staleAt, Duration offset) {
		Verdict podVerdict = (pods != null) ? pods.verdict() : null;
		Verdict worse;
		if (http == null) {
			worse = podVerdict;
		}
		else if (podVerdict == null) {
			worse = http;
		}
		else {
			worse = (severity(http.status()) > severity(podVerdict.status())) ? http : podVerdict;
		}
		if (worse == null) {
			return new ComponentHealth(this.status, this.since, this.reason, failures, lastObservedAt, receivedAt,
					staleAt, this.degradation, http, pods, offset);
		}
		Instant changedAt = (worse.status() == this.status) ? this.since : changedAt(observedAt, receivedAt);
		String why = (worse.status() == this.status && worse.reason() == null) ? this.reason : worse.reason();
		return new ComponentHealth(worse.status(), changedAt, why, failures, lastObservedAt, receivedAt, staleAt,
				worse.degradation(), http, pods, offset);
	}

	/**
	 * When a new status began: when it was observed, as the collector says, but never
	 * later than it arrived here nor before the status it ends began. So a backlog worked
	 * off at once keeps its events' spacing exactly (incident detection holds a recovery
	 * by it: the clock offset, which may rise a little per observation, would stretch
	 * it), and a collector clock that is wrong cannot move a change into the future or
	 * before what is already known.
	 */
	private Instant changedAt(Instant observedAt, Instant receivedAt) {
		Instant at = observedAt.isBefore(receivedAt) ? observedAt : receivedAt;
		return (this.since != null && at.isBefore(this.since)) ? this.since : at;
	}

	private static int severity(ComponentStatus status) {
		return switch (status) {
			case OUTAGE -> 3;
			case DEGRADED -> 2;
			case OPERATIONAL -> 1;
			default -> 0;
		};
	}

	private static Instant later(Instant a, Instant b) {
		return (a == null || b.isAfter(a)) ? b : a;
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

	private static Duration interval(HttpCheck check) {
		return Duration.ofSeconds(check.intervalSeconds());
	}

	/**
	 * Whether the status, or the kind of a degradation, differs from {@code previous}'s.
	 */
	public boolean changedFrom(ComponentHealth previous) {
		return this.status != previous.status || !Objects.equals(this.degradation, previous.degradation);
	}

	/**
	 * Whether the status or its degradation kind differs from {@code previous}'s: a new
	 * interval of the history, even where no status change is published.
	 */
	public boolean kindChangedFrom(ComponentHealth previous) {
		return changedFrom(previous) || !Objects.equals(this.degradation, previous.degradation);
	}

}
