package dev.beacon.statusapi.status;

import java.net.URI;
import java.time.Instant;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentHealthTests {

	private static final HttpCheck CHECK = new HttpCheck(URI.create("https://shop.example/health"), 200, 30, 5000, 1000,
			2);

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private final ComponentHealth unobserved = ComponentHealth.unobserved(T0);

	@Test
	void healthyAnswerWithinTheThresholdIsOperationalAtOnce() {
		ComponentHealth health = this.unobserved.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 120L, null));
		assertThat(health.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.since()).isEqualTo(T0);
		assertThat(health.reason()).isNull();
		assertThat(health.changedFrom(this.unobserved)).isTrue();
	}

	@Test
	void slowAnswerIsDegradedWithTheLatencyAsReason() {
		ComponentHealth health = operational().afterHttpProbe(CHECK,
				new HttpProbe(T0.plusSeconds(30), 200, 1500L, null));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.reason()).isEqualTo("Slow response: 1500 ms (threshold 1000 ms)");
	}

	@Test
	void outageNeedsTheConfiguredFailuresInARow() {
		ComponentHealth once = operational().afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 503, 5L, null));
		assertThat(once.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(once.consecutiveFailures()).isEqualTo(1);

		ComponentHealth twice = once.afterHttpProbe(CHECK,
				new HttpProbe(T0.plusSeconds(60), null, null, "Connection refused"));
		assertThat(twice.status()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(twice.since()).isEqualTo(T0.plusSeconds(60));
		assertThat(twice.reason()).isEqualTo("Connection refused");
	}

	@Test
	void aSuccessBetweenFailuresStartsTheCountAgain() {
		ComponentHealth health = operational().afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(30), 500, 5L, null))
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(60), 200, 5L, null))
			.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(90), 500, 5L, null));
		assertThat(health.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void wrongStatusCodeCountsAsAFailureNamingBothCodes() {
		assertThat(new HttpProbe(T0, 404, 5L, null).verdict(CHECK)).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(new HttpProbe(T0, 404, 5L, null).describe(CHECK)).isEqualTo("HTTP 404, expected 200");
	}

	@Test
	void anObservationOlderThanTheNewestChangesNothing() {
		ComponentHealth health = operational();
		assertThat(health.afterHttpProbe(CHECK, new HttpProbe(T0.minusSeconds(5), null, null, "late")))
			.isSameAs(health);
	}

	@Test
	void staleDataShowsUnknownAfterThreeIntervals() {
		ComponentHealth health = operational();
		assertThat(health.statusAt(T0.plusSeconds(90), 30)).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.statusAt(T0.plusSeconds(91), 30)).isEqualTo(ComponentStatus.UNKNOWN);
		assertThat(this.unobserved.statusAt(T0, 30)).isEqualTo(ComponentStatus.UNKNOWN);
	}

	private ComponentHealth operational() {
		return this.unobserved.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 5L, null));
	}

}
