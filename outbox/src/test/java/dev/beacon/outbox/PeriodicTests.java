package dev.beacon.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicTests {

	private static final Duration NEVER = Duration.ofHours(1);

	private final AtomicInteger runs = new AtomicInteger();

	private final Sinks.One<Boolean> release = Sinks.one();

	private volatile boolean holdFirstRun;

	private final Periodic work = new Periodic("Counting", NEVER, NEVER) {
		@Override
		protected Mono<?> runOnce() {
			int run = PeriodicTests.this.runs.incrementAndGet();
			return (run == 1 && PeriodicTests.this.holdFirstRun) ? PeriodicTests.this.release.asMono() : Mono.empty();
		}
	};

	@AfterEach
	void stop() {
		this.work.stop();
	}

	@Test
	void runsWhenWokenBetweenTicks() {
		this.work.start();
		this.work.wake();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 1);
		this.work.wake();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 2);
	}

	@Test
	void foldsTheWakeUpsThatComeDuringARunIntoOneRunAfterIt() {
		this.holdFirstRun = true;
		this.work.start();
		this.work.wake();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 1);
		for (int i = 0; i < 10; i++) {
			this.work.wake();
		}
		assertThat(this.runs).hasValue(1);
		this.release.tryEmitValue(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 2);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 2);
	}

	@Test
	void runsAfterTheDelayItWasAskedFor() {
		this.work.start();
		this.work.wakeAfter(Duration.ofMillis(200));
		assertThat(this.runs).hasValue(0);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runs.get() == 1);
	}

}
