package dev.beacon.outbox;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * Work a service does every interval while it runs — a sweep, a purge, a publisher, a
 * gauge refreshed from the database — and whenever it is woken in between
 * ({@link #wake()}): one run at a time (ticks and wake-ups that come while a run is going
 * fold into one run after it), and a failed run is logged and the next tick tries again.
 */
public abstract class Periodic implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Periodic.class);

	private final String name;

	private final Duration firstRun;

	private final Duration interval;

	private final Sinks.Many<Boolean> wakes = Sinks.many().multicast().directBestEffort();

	private volatile Disposable running;

	/**
	 * @param name what the work is, for the log
	 * @param firstRun how long after start-up it first runs ({@link Duration#ZERO}: at
	 * once, to catch up on what fell due while the service was down)
	 * @param interval how often it runs after that
	 */
	protected Periodic(String name, Duration firstRun, Duration interval) {
		this.name = name;
		this.firstRun = firstRun;
		this.interval = interval;
	}

	/** One run of the work. */
	protected abstract Mono<?> runOnce();

	/** Runs the work as soon as it can, besides the interval's ticks. */
	public synchronized void wake() {
		this.wakes.tryEmitNext(Boolean.TRUE);
	}

	/** Runs the work after {@code delay}, besides the interval's ticks. */
	protected void wakeAfter(Duration delay) {
		Mono.delay(delay).subscribe((tick) -> wake());
	}

	@Override
	public void start() {
		this.running = Flux
			.merge(Flux.interval(this.firstRun, this.interval).map((tick) -> Boolean.FALSE), this.wakes.asFlux())
			.onBackpressureLatest()
			// no prefetch: what comes during a run waits above and starts the next one
			.concatMap((tick) -> Mono.defer(this::runOnce).then().onErrorResume((failure) -> {
				logger.warn("{} failed; it runs again in {}: {}", this.name, this.interval, failure.toString());
				return Mono.empty();
			}), 0)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.running;
		return current != null && !current.isDisposed();
	}

}
