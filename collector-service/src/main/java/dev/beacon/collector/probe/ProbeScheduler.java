package dev.beacon.collector.probe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ObservationRecorded;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Probes every target on its own interval, on a schedule anchored to the clock: a target
 * first comes due at a random point of its first interval (so that checks spread), then
 * exactly every interval after that slot, however long its probes take. A slot missed
 * entirely (the collector was saturated) is skipped, not made up. One global bound
 * ({@code beacon.collector.max-concurrent-probes}) limits the probes in flight; a target
 * still in flight at its next slot skips it. Each probe has its own timeout, so a hanging
 * target holds one permit until then and delays no other.
 * <p>
 * On shutdown no new probe starts; those in flight get up to 1.5 s to finish and publish.
 */
@Component
class ProbeScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ProbeScheduler.class);

	/** How soon a saturated scheduler looks again for a free permit. */
	private static final long SATURATED_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** The longest the scheduler sleeps: it sees catalog changes within this. */
	private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** Spring Cloud Stream's {@code InputBindingLifecycle} phase. */
	static final int STOP_PHASE = Integer.MAX_VALUE - 3000;

	/**
	 * What probes in flight get to finish on stop; with the observations' 2.5 s to reach
	 * Kafka, the collector stops within 5 s. A probe cut off had observed nothing yet.
	 */
	private static final Duration FINISH_ON_STOP = Duration.ofMillis(1500);

	private final ProbeTargets targets;

	private final HttpProber prober;

	private final Observations observations;

	private final ProbeMetrics metrics;

	private final Semaphore permits;

	private final int maxConcurrentProbes;

	private final PriorityQueue<Slot> queue = new PriorityQueue<>();

	private final Map<UUID, Slot> slots = new HashMap<>();

	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private long knownVersion = -1;

	private volatile ScheduledExecutorService ticking;

	ProbeScheduler(ProbeTargets targets, HttpProber prober, Observations observations, CollectorProperties properties,
			MeterRegistry meters) {
		this.targets = targets;
		this.prober = prober;
		this.observations = observations;
		this.maxConcurrentProbes = properties.maxConcurrentProbes();
		this.permits = new Semaphore(this.maxConcurrentProbes);
		this.metrics = new ProbeMetrics(meters);
		Gauge
			.builder("beacon.probes.in.flight", this.permits,
					(free) -> this.maxConcurrentProbes - free.availablePermits())
			.description("Probes in flight")
			.register(meters);
	}

	/** The most probes that were in flight at once. */
	int mostInFlight() {
		return this.mostInFlight.get();
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "probe-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		this.ticking = scheduler;
		scheduler.execute(this::tick);
	}

	/**
	 * Starts the probes that are due, then sleeps until the next slot (at most
	 * {@link #MAX_SLEEP_NANOS}): an idle collector wakes once a second, not 50 times.
	 * Runs on the scheduler's one thread only.
	 */
	private void tick() {
		long sleep = MAX_SLEEP_NANOS;
		try {
			sleep = startDue(System.nanoTime());
		}
		catch (RuntimeException ex) {
			logger.warn("Probe scheduling failed: {}", ex.toString());
		}
		ScheduledExecutorService scheduler = this.ticking;
		if (scheduler != null) {
			try {
				scheduler.schedule(this::tick, sleep, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// stopped meanwhile
			}
		}
	}

	/** Starts the probes due at {@code now}; returns how long to sleep until the next. */
	private long startDue(long now) {
		refresh(now);
		while (!this.queue.isEmpty() && this.queue.peek().due <= now) {
			Slot slot = this.queue.peek();
			if (!this.inFlight.contains(slot.target.componentId()) && !this.permits.tryAcquire()) {
				// saturated: the slot waits, its lateness grows
				return SATURATED_NANOS;
			}
			this.queue.poll();
			if (this.inFlight.add(slot.target.componentId())) {
				this.metrics.lateness(now - slot.due);
				start(slot.target);
			}
			else {
				this.metrics.skipped();
			}
			slot.due = next(slot.due, slot.interval, now);
			this.queue.add(slot);
		}
		return this.queue.isEmpty() ? MAX_SLEEP_NANOS
				: Math.min(Math.max(this.queue.peek().due - System.nanoTime(), 0), MAX_SLEEP_NANOS);
	}

	/**
	 * The first slot after {@code now} on the target's grid; missed slots are skipped.
	 */
	private long next(long due, long interval, long now) {
		long next = due + interval;
		if (next <= now) {
			long missed = (now - next) / interval + 1;
			this.metrics.skipped(missed);
			next += missed * interval;
		}
		return next;
	}

	/** Follows the catalog: new targets are spread over their first interval. */
	private void refresh(long now) {
		long version = this.targets.version();
		if (version == this.knownVersion) {
			return;
		}
		this.knownVersion = version;
		Map<UUID, ProbeTarget> current = new HashMap<>();
		this.targets.all().forEach((target) -> current.put(target.componentId(), target));
		this.slots.keySet().removeIf((id) -> !current.containsKey(id));
		current.forEach((id, target) -> {
			Slot slot = this.slots.get(id);
			if (slot == null || !slot.target.interval().equals(target.interval())) {
				long interval = target.interval().toNanos();
				this.slots.put(id, new Slot(target, now + ThreadLocalRandom.current().nextLong(interval), interval));
			}
			else {
				slot.target = target;
			}
		});
		this.queue.clear();
		this.queue.addAll(this.slots.values());
	}

	private void start(ProbeTarget target) {
		this.mostInFlight.accumulateAndGet(this.maxConcurrentProbes - this.permits.availablePermits(), Math::max);
		this.prober.probe(target).doFinally((signal) -> {
			this.inFlight.remove(target.componentId());
			this.permits.release();
		}).subscribe((result) -> {
			this.metrics.probed(target, result);
			this.observations
				.publish(ObservationRecorded.http(target.applicationId(), target.componentId(), result.startedAt(),
						result.httpStatus(), result.latencyMillis(), result.error(), result.details()))
				.subscribe();
		}, (failure) -> logger.warn("Probe of {} failed unexpectedly: {}", target.componentId(), failure.toString()));
	}

	/** Stops, and returns once the probes in flight finished or were given up. */
	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * No new probe starts at once; the probes in flight finish (their results are
	 * published) within a bound, on a thread of their own, while the catalog consumer of
	 * the same phase stops beside them.
	 */
	@Override
	public void stop(Runnable callback) {
		ScheduledExecutorService scheduler = this.ticking;
		this.ticking = null;
		if (scheduler == null) {
			callback.run();
			return;
		}
		scheduler.shutdown();
		Thread finishing = new Thread(() -> {
			try {
				if (this.permits.tryAcquire(this.maxConcurrentProbes, FINISH_ON_STOP.toMillis(),
						TimeUnit.MILLISECONDS)) {
					this.permits.release(this.maxConcurrentProbes);
				}
				else {
					logger.info("Stopped with {} probe(s) unfinished", this.inFlight.size());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				callback.run();
			}
		}, "probe-scheduler-stop");
		finishing.setDaemon(true);
		finishing.start();
	}

	@Override
	public boolean isRunning() {
		return this.ticking != null;
	}

	/**
	 * The phase of Spring Cloud Stream's input bindings (the catalog consumer), which
	 * takes about as long to stop as the probes get to finish: the two overlap. The
	 * observations' sender stops in a later phase, and sends what the probes saw.
	 */
	@Override
	public int getPhase() {
		return STOP_PHASE;
	}

	/** When a target is next due (by {@link System#nanoTime()}), and its interval. */
	private static final class Slot implements Comparable<Slot> {

		private ProbeTarget target;

		private long due;

		private final long interval;

		Slot(ProbeTarget target, long due, long interval) {
			this.target = target;
			this.due = due;
			this.interval = interval;
		}

		@Override
		public int compareTo(Slot other) {
			return Long.compare(this.due, other.due);
		}

	}

}
