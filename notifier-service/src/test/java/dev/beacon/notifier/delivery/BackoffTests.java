package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10));

	@Test
	void doublesFromTheBaseUpToTheCap() {
		assertThat(this.backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.backoff.ceiling(8)).isEqualTo(Duration.ofSeconds(128));
		assertThat(this.backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(512));
		assertThat(this.backoff.ceiling(11)).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.backoff.ceiling(1000)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void jittersBetweenHalfAndAllOfTheCeiling() {
		RandomGenerator random = new SplittableRandom(7);
		for (int attempts = 1; attempts <= 40; attempts++) {
			Duration ceiling = this.backoff.ceiling(attempts);
			for (int sample = 0; sample < 200; sample++) {
				Duration delay = this.backoff.delay(attempts, random);
				assertThat(delay).isBetween(ceiling.dividedBy(2), ceiling);
				assertThat(delay).isLessThanOrEqualTo(Duration.ofMinutes(10));
			}
		}
	}

	@Test
	void spreadsDelaysRatherThanRepeatingOne() {
		RandomGenerator random = new SplittableRandom(11);
		long distinct = IntStream.range(0, 50).mapToObj((i) -> this.backoff.delay(5, random)).distinct().count();
		assertThat(distinct).isGreaterThan(10);
	}

	@Test
	void refusesABaseAboveTheCap() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofMinutes(20), Duration.ofMinutes(10)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(10)));
	}

}
