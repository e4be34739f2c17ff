package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The faults, on a schedule drawn from the run's seed. Targets go down and recover on
 * their own rhythm; meanwhile, round after round in a shuffled order, each service is
 * killed with {@code kill -9} at a random moment and started again at once, the Kafka
 * broker is killed and started again, and PostgreSQL is stopped for a while and started
 * again. A restarted part comes back on its own; the next fault does not wait for it,
 * only a second fault on the same part does. Every round runs to its end, so even a short
 * run injects every fault at least once.
 */
final class FaultScenario {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final FaultRig rig;

	private final FaultSettings settings;

	private final Random random;

	private final FaultLog log = new FaultLog();

	private final ExecutorService recoveries = Executors.newCachedThreadPool();

	private final Map<String, CompletableFuture<Void>> recovering = new HashMap<>();

	FaultScenario(FaultRig rig, FaultSettings settings) {
		this.rig = rig;
		this.settings = settings;
		this.random = new Random(settings.seed());
	}

	/** Runs the schedule; returns once every part is back and every target is up. */
	FaultLog run() {
		Instant start = Instant.now();
		Instant end = start.plus(this.settings.length());
		ScheduledExecutorService flips = Executors.newSingleThreadScheduledExecutor();
		Duration targetsEnd = scheduleTargets(flips, start);
		try {
			do {
				for (Runnable fault : round()) {
					pauseUntil(Instant.now().plusMillis(2000 + this.random.nextInt(8000)));
					fault.run();
				}
			}
			while (Instant.now().isBefore(end));
			pauseUntil(start.plus(targetsEnd));
			awaitRecoveries();
		}
		finally {
			flips.shutdownNow();
			this.recoveries.shutdownNow();
			this.rig.targets().all().forEach((target) -> target.set(true));
		}
		return this.log;
	}

	/**
	 * Each target: up for a while, down for 12-25 s, up for 15-35 s, and so on; the last
	 * outage ends before the faults do, so every episode can close. Returns when the last
	 * change happens.
	 */
	private Duration scheduleTargets(ScheduledExecutorService flips, Instant start) {
		long last = 0;
		long length = this.settings.length().toMillis();
		for (Targets.Target target : this.rig.targets().all()) {
			long at = 5_000 + this.random.nextInt(15_000);
			while (at + 12_000 < length - 10_000) {
				long down = Math.min(12_000 + this.random.nextInt(13_000), length - 10_000 - at);
				flips.schedule(() -> target.set(false), at, TimeUnit.MILLISECONDS);
				flips.schedule(() -> target.set(true), at + down, TimeUnit.MILLISECONDS);
				last = Math.max(last, at + down);
				at += down + 15_000 + this.random.nextInt(20_000);
			}
		}
		return Duration.ofMillis(last + 1_000);
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
		String name = service.service().id();
		awaitRecovery(name);
		FaultLog.Fault fault = this.log.begin("kill -9 " + name);
		service.killAndStart();
		System.out.printf("%s  kill -9 %s, restarted%n", elapsed(), name);
		recoverInBackground(name, fault, () -> service.awaitReady(STARTUP_TIMEOUT));
	}

	private void restartKafka() {
		awaitRecovery("kafka");
		FaultLog.Fault fault = this.log.begin("kill -9 kafka");
		this.rig.kafka().kill();
		this.rig.kafka().start();
		System.out.printf("%s  kill -9 kafka, restarted%n", elapsed());
		recoverInBackground("kafka", fault, () -> this.rig.kafka().awaitReady(STARTUP_TIMEOUT));
	}

	private void stopPostgres() {
		FaultLog.Fault fault = this.log.begin("stop postgres " + this.settings.postgresStop().toSeconds() + " s");
		this.rig.postgres().stop();
		System.out.printf("%s  postgres stopped%n", elapsed());
		pauseUntil(fault.start().plus(this.settings.postgresStop()));
		this.rig.postgres().start();
		fault.recovered();
		System.out.printf("%s  postgres started again%n", elapsed());
	}

	private void recoverInBackground(String part, FaultLog.Fault fault, Runnable awaitReady) {
		this.recovering.put(part, CompletableFuture.runAsync(() -> {
			awaitReady.run();
			fault.recovered();
		}, this.recoveries));
	}

	private void awaitRecovery(String part) {
		CompletableFuture<Void> pending = this.recovering.remove(part);
		if (pending != null) {
			pending.join();
		}
	}

	private void awaitRecoveries() {
		new ArrayList<>(this.recovering.keySet()).forEach(this::awaitRecovery);
	}

	private String elapsed() {
		return this.rig.elapsed();
	}

	/**
	 * Paces the scenario (the next fault happens at a chosen moment); nothing
	 * asynchronous is awaited here.
	 */
	private static void pauseUntil(Instant moment) {
		long millis = Duration.between(Instant.now(), moment).toMillis();
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while pacing the faults", ex);
			}
		}
	}

}
