package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The faults, on a schedule drawn from the run's seed. Targets go down and recover on
 * their own rhythm the whole time; meanwhile, round after round in a shuffled order and
 * one at a time, each service is killed with {@code kill -9} at a random moment and
 * started again at once, the Kafka broker is killed and started again, and PostgreSQL is
 * stopped for a while and started again — with a target changing state while it is down,
 * so that a status change meets the outage. Each fault waits until the previous one has
 * recovered (the part is ready again), and the broker and database faults also wait until
 * the pages show fresh data again, so that they meet a pipeline that works end to end and
 * not one still catching up with the previous fault. Every round runs to its end, so even
 * a short run injects every fault once.
 */
final class FaultScenario {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration FLOWING_TIMEOUT = Duration.ofMinutes(3);

	private final FaultRig rig;

	private final FaultSettings settings;

	private final Random random;

	private final FaultLog log = new FaultLog();

	private final BooleanSupplier pipelineFlowing;

	private volatile boolean flipping = true;

	/**
	 * @param pipelineFlowing whether every page shows fresh data (observations flow from
	 * the collector through status-api): each fault waits for it, so that it hits a
	 * system that works end to end, not one still catching up with the previous fault
	 */
	FaultScenario(FaultRig rig, FaultSettings settings, BooleanSupplier pipelineFlowing) {
		this.rig = rig;
		this.settings = settings;
		this.pipelineFlowing = pipelineFlowing;
		this.random = new Random(settings.seed());
	}

	/** Runs the schedule; returns once every part is back and every target is up. */
	FaultLog run() {
		Instant end = Instant.now().plus(this.settings.length());
		ScheduledExecutorService flips = Executors.newSingleThreadScheduledExecutor();
		for (Targets.Target target : this.rig.targets().all()) {
			scheduleDown(flips, target, new Random(this.random.nextLong()), 3_000);
		}
		try {
			do {
				for (Runnable fault : round()) {
					pauseUntil(Instant.now().plusMillis(3_000 + this.random.nextInt(7_000)));
					fault.run();
				}
			}
			while (Instant.now().isBefore(end));
		}
		finally {
			this.flipping = false;
			flips.shutdownNow();
			this.rig.targets().all().forEach((target) -> target.set(true));
		}
		return this.log;
	}

	/**
	 * Waits until every page shows fresh data again, so that the next fault meets a
	 * pipeline that works end to end.
	 */
	private void awaitFlowing() {
		try {
			await().atMost(FLOWING_TIMEOUT)
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.until(this.pipelineFlowing::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			System.out.printf("%s  pages still not fresh after %s; going on%n", this.rig.elapsed(), FLOWING_TIMEOUT);
		}
	}

	/**
	 * Up for 10-30 s (the first time, from {@code minUp}), then down for 12-25 s, again.
	 */
	private void scheduleDown(ScheduledExecutorService flips, Targets.Target target, Random rhythm, int minUp) {
		flips.schedule(() -> {
			if (!this.flipping) {
				return;
			}
			target.set(false);
			flips.schedule(() -> {
				target.set(true);
				scheduleDown(flips, target, rhythm, 10_000);
			}, 12_000 + rhythm.nextInt(13_000), TimeUnit.MILLISECONDS);
		}, minUp + rhythm.nextInt(20_000), TimeUnit.MILLISECONDS);
	}

	/** One round: every fault once, in a shuffled order. */
	private List<Runnable> round() {
		List<Runnable> faults = new ArrayList<>();
		for (ServiceProcess service : this.rig.services()) {
			faults.add(() -> killAndRestart(service));
		}
		faults.add(this::restartKafka);
		faults.add(this::stopPostgres);
		Collections.shuffle(faults, this.random);
		return faults;
	}

	private void killAndRestart(ServiceProcess service) {
		FaultLog.Fault fault = this.log.begin("kill -9 " + service.service().id());
		service.killAndStart();
		System.out.printf("%s  kill -9 %s, restarted%n", this.rig.elapsed(), service.service().id());
		service.awaitReady(STARTUP_TIMEOUT);
		fault.recovered();
	}

	private void restartKafka() {
		awaitFlowing();
		FaultLog.Fault fault = this.log.begin("kill -9 kafka");
		this.rig.kafka().kill();
		this.rig.kafka().start();
		System.out.printf("%s  kill -9 kafka, restarted%n", this.rig.elapsed());
		this.rig.kafka().awaitReady(STARTUP_TIMEOUT);
		fault.recovered();
	}

	/**
	 * Stops PostgreSQL once observations flow end to end; a third of the way into the
	 * stop, one target changes state (a down one recovers, or an up one goes down), so
	 * that the status change it causes must be consumed while the database is away.
	 */
	private void stopPostgres() {
		awaitFlowing();
		FaultLog.Fault fault = this.log.begin("stop postgres " + this.settings.postgresStop().toSeconds() + " s");
		this.rig.postgres().stop();
		System.out.printf("%s  postgres stopped%n", this.rig.elapsed());
		pauseUntil(fault.start().plus(this.settings.postgresStop().dividedBy(3)));
		List<Targets.Target> targets = this.rig.targets().all();
		Targets.Target target = targets.stream()
			.filter((t) -> !t.up())
			.findFirst()
			.orElse(targets.get(this.random.nextInt(targets.size())));
		target.set(!target.up());
		System.out.printf("%s  target %d %s while postgres is down%n", this.rig.elapsed(), target.number(),
				target.up() ? "recovered" : "went down");
		pauseUntil(fault.start().plus(this.settings.postgresStop()));
		this.rig.postgres().start();
		fault.recovered();
		System.out.printf("%s  postgres started again%n", this.rig.elapsed());
	}

	/**
	 * Paces the scenario (the next fault happens at a chosen moment); nothing
	 * asynchronous is awaited here.
	 */
	private static void pauseUntil(Instant moment) {
		Duration left = Duration.between(Instant.now(), moment);
		if (!left.isNegative()) {
			await().atMost(left.plusSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> !Instant.now().isBefore(moment));
		}
	}

}
