package dev.beacon.statusapi.status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentHealthTests {

	private static final HttpCheck CHECK = new HttpCheck(URI.create("https://shop.example/health"), 200, 30, 5000, 1000,
			2);

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	/** How far behind the receiver the collector's clock is in most tests. */
	private static final Duration LAG = Duration.ofMinutes(10);

	private final ComponentHealth unobserved = ComponentHealth.unobserved(T0);

	@Test
	void healthyAnswerWithinTheThresholdIsOperationalAtOnce() {
		ComponentHealth health = this.unobserved.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 120L, null), T0);
		assertThat(health.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.since()).isEqualTo(T0);
		assertThat(health.reason()).isNull();
		assertThat(health.changedFrom(this.unobserved)).isTrue();
	}

	@Test
	void slowAnswerIsDegradedWithTheLatencyAsReason() {
		ComponentHealth health = operational().afterHttpProbe(CHECK,
				new HttpProbe(T0.plusSeconds(30), 200, 1500L, null), T0.plusSeconds(30));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.reason()).isEqualTo("Slow response: 1500 ms (threshold 1000 ms)");
	}

	@Test
	void outageNeedsTheConfiguredFailuresInARow() {
		ComponentHealth once = operational().afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 503, 5L, null),
				T0.plusSeconds(30));
		assertThat(once.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(once.consecutiveFailures()).isEqualTo(1);

		ComponentHealth twice = once.afterHttpProbe(CHECK,
				new HttpProbe(T0.plusSeconds(60), null, null, "Connection refused"), T0.plusSeconds(60));
		assertThat(twice.status()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(twice.since()).isEqualTo(T0.plusSeconds(60));
		assertThat(twice.reason()).isEqualTo("Connection refused");
	}

	@Test
	void aSuccessBetweenFailuresStartsTheCountAgain() {
		ComponentHealth health = operational()
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 500, 5L, null), T0.plusSeconds(30))
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(60), 200, 5L, null), T0.plusSeconds(60))
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(90), 500, 5L, null), T0.plusSeconds(90));
		assertThat(health.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void wrongStatusCodeCountsAsAFailureNamingBothCodes() {
		assertThat(new HttpProbe(T0, 404, 5L, null).verdict(CHECK)).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(new HttpProbe(T0, 404, 5L, null).describe(CHECK)).isEqualTo("HTTP 404, expected 200");
	}

	@Test
	void freshnessAndSinceFollowTheReceiverClockNotTheCollectors() {
		ComponentHealth health = this.unobserved.afterHttpProbe(CHECK, new HttpProbe(T0.minus(LAG), 200, 5L, null), T0);
		assertThat(health.since()).isEqualTo(T0);
		assertThat(health.lastReceivedAt()).isEqualTo(T0);
		assertThat(health.lastObservedAt()).isEqualTo(T0.minus(LAG));
		assertThat(health.clockOffset()).isEqualTo(LAG);
		assertThat(health.staleAt()).isEqualTo(T0.plusSeconds(90));

		ComponentHealth later = health.afterHttpProbe(CHECK,
				new HttpProbe(T0.minus(LAG).plusSeconds(30), null, null, "Connection refused"), T0.plusSeconds(30));
		assertThat(later.consecutiveFailures()).isEqualTo(1);
		assertThat(later.staleAt()).isEqualTo(T0.plusSeconds(120));
	}

	@Test
	void aBacklogCountsAsOldAsItIsNotAsNewAsItsReceipt() {
		// the database was down from T0 + 10 s; the probes of the outage arrive at once
		// at T0 + 200 s
		Instant back = T0.plusSeconds(200);
		ComponentHealth down = operational()
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 503, 5L, null), back)
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(60), 503, 5L, null), back);
		assertThat(down.status()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(down.lastReceivedAt()).isEqualTo(back);
		// seen at T0 + 60 s (plus the offset, risen twice): stale long before it arrived
		assertThat(down.clockOffset()).isEqualTo(rises(2));
		assertThat(down.staleAt()).isEqualTo(T0.plusSeconds(150).plus(rises(2)));
		assertThat(down.staleAt()).isBefore(back);

		// a probe that arrives as quickly as ever is fresh again
		ComponentHealth current = down.afterHttpProbe(CHECK, new HttpProbe(back, 200, 5L, null), back.plusMillis(5));
		assertThat(current.clockOffset()).isEqualTo(Duration.ofMillis(5));
		assertThat(current.staleAt()).isEqualTo(back.plusMillis(5).plusSeconds(90));
	}

	@Test
	void aCollectorClockThatDriftsBehindIsFollowedAFewMillisecondsPerObservation() {
		ComponentHealth health = operational();
		// the collector's clock falls 30 ms further behind with each probe
		for (int i = 1; i <= 10; i++) {
			Instant received = T0.plusSeconds(30L * i);
			health = health.afterHttpProbe(CHECK, new HttpProbe(received.minusMillis(30L * i), 200, 5L, null),
					received);
			assertThat(health.clockOffset()).isEqualTo(rises(i));
			assertThat(health.staleAt()).isAfter(received.plusSeconds(89));
		}
		// a pod observation shares the offset: it comes from the same collector
		ComponentHealth pods = health.afterPods(new KubernetesSource("shop", "app=api", 30),
				PodCheck.of(T0.plusSeconds(300), 3, 3, 0, Map.of()), T0.plusSeconds(400));
		assertThat(pods.clockOffset()).isEqualTo(rises(11));
		assertThat(pods.staleAt()).isEqualTo(T0.plusSeconds(390).plus(rises(11)));
	}

	@Test
	void aBacklogReceivedAtOnceKeepsTheTimesItsChangesWereObserved() {
		Instant received = T0.plusSeconds(200);
		ComponentHealth down = operational()
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 503, 5L, null), received)
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(60), 503, 5L, null), received);
		assertThat(down.status()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(down.since()).isEqualTo(T0.plusSeconds(60));
		ComponentHealth up = down.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(90), 200, 5L, null),
				received.plusMillis(1));
		assertThat(up.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(up.since()).isEqualTo(T0.plusSeconds(90));
		// a collector clock ahead of the receiver's dates a change when it arrived
		ComponentHealth ahead = up.afterHttpProbe(CHECK, new HttpProbe(received.plus(LAG), 200, 1500L, null),
				received.plusSeconds(1));
		assertThat(ahead.since()).isEqualTo(received.plusSeconds(1));
	}

	@Test
	void aLateObservationChangesNothingNotEvenFreshness() {
		ComponentHealth health = operational();
		ComponentHealth late = health.afterHttpProbe(CHECK, new HttpProbe(T0.minusSeconds(5), null, null, "late"),
				T0.plusSeconds(20));
		assertThat(late).isSameAs(health);
		assertThat(health.afterHttpProbe(CHECK, new HttpProbe(T0.minus(LAG), 503, 5L, null), T0.plusSeconds(59)))
			.isSameAs(health);
	}

	@Test
	void aCollectorClockSteppedBackIsFollowedOnceTheOldSequenceStopped() {
		ComponentHealth health = operational();
		HttpProbe behind = new HttpProbe(T0.minus(LAG), null, null, "Connection refused");

		assertThat(health.afterHttpProbe(CHECK, behind, T0.plusSeconds(59))).isSameAs(health);
		ComponentHealth followed = health.afterHttpProbe(CHECK, behind, T0.plusSeconds(60));
		assertThat(followed.consecutiveFailures()).isEqualTo(1);
		assertThat(followed.lastObservedAt()).isEqualTo(T0.minus(LAG));
		assertThat(followed.staleAt()).isEqualTo(T0.plusSeconds(150));
		assertThat(followed.clockOffset()).isEqualTo(LAG.plusSeconds(60));
	}

	@Test
	void theFirstObservationAfterUnknownIsAlwaysApplied() {
		ComponentHealth stale = new ComponentHealth(ComponentStatus.UNKNOWN, T0.plusSeconds(90),
				ComponentHealth.STALE_REASON, 0, T0, T0, T0.plusSeconds(90));
		ComponentHealth back = stale.afterHttpProbe(CHECK, new HttpProbe(T0.minus(LAG), 200, 5L, null),
				T0.plusSeconds(95));
		assertThat(back.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		// the collector's clock is ten minutes behind: the change is dated no earlier
		// than the unknown it ends began
		assertThat(back.since()).isEqualTo(T0.plusSeconds(90));
		assertThat(back.changedFrom(stale)).isTrue();
	}

	/**
	 * How much the clock offset may have risen after {@code observations} of a backlog.
	 */
	private static Duration rises(int observations) {
		return ComponentHealth.OFFSET_RISE.multipliedBy(observations);
	}

	private ComponentHealth operational() {
		return this.unobserved.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 5L, null), T0);
	}

}
