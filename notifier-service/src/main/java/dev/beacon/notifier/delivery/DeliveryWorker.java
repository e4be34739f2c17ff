package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import dev.beacon.notifier.channel.DeliveryResult;
import dev.beacon.notifier.channel.Notification;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.notifier.channel.NotificationChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries through their channels and records each outcome, as a continuous
 * pipeline: at most {@code concurrency} attempts are in flight, and whenever one ends
 * another due delivery is claimed, so a slow receiver holds one slot, never a batch (a
 * channel also bounds each of its targets, answering "busy" rather than waiting). Rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas never send the
 * same row at once; a worker that dies mid-attempt leaves the row to be retried when the
 * lease runs out (receivers dedupe by the delivery id). Stopping waits for the attempts
 * in flight to be recorded. Logs never carry targets, secrets or payloads.
 * <p>
 * A delivery whose target is busy ({@link DeliveryResult#deferred()}) is <em>parked</em>
 * in memory on its channel's lane (a webhook host, the SMTP server) and tried again as
 * soon as an attempt on that lane ends, instead of going back to the database and being
 * claimed again: a fan-out to thousands of subscribers of one host would otherwise spend
 * most of its time claiming and giving back. Parked deliveries hold no slot; a lane parks
 * at most {@code parked-per-lane} (so a host that hangs holds few claims), all lanes at
 * most {@code max-parked} (claims stop while they are full), and a delivery parked for
 * half its lease, or when the worker stops, goes back to the database without counting an
 * attempt.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

	private final Deliveries deliveries;

	private final NotificationChannels channels;

	private final DeliveryProperties properties;

	private final DeliveryMetrics metrics;

	private final Backoff backoff;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<String, Deque<Parked>> parked = new ConcurrentHashMap<>();

	private final AtomicInteger parkedCount = new AtomicInteger();

	private volatile long claimsPausedUntil = System.nanoTime();

	private final Sinks.Many<Object> wakes = Sinks.many().multicast().directBestEffort();

	private volatile Disposable polling;

	private final AtomicReference<Disposable> nextLook = new AtomicReference<>();

	DeliveryWorker(Deliveries deliveries, NotificationChannels channels, DeliveryProperties properties,
			DeliveryMetrics metrics) {
		this.deliveries = deliveries;
		this.channels = channels;
		this.properties = properties;
		this.metrics = metrics;
		this.backoff = properties.backoff();
	}

	/**
	 * Makes the worker look for due deliveries at once; calls made meanwhile fold into
	 * one look.
	 */
	synchronized void wake() {
		this.wakes.tryEmitNext(Boolean.TRUE);
	}

	@Override
	public void start() {
		// woken by fan-outs (this replica's directly, others' by a notification), by
		// finished attempts and when the next delivery comes due; the poll is a fallback
		this.polling = Flux.merge(Flux.interval(this.properties.pollInterval()), this.wakes.asFlux())
			.onBackpressureLatest()
			.concatMap((tick) -> fill().onErrorResume(this::logFailure), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
		Disposable look = this.nextLook.getAndSet(null);
		if (look != null) {
			look.dispose();
		}
		giveBackParked((parked) -> true).block(this.properties.stopTimeout());
		// attempts in flight finish and record their outcome, so a restart sends none
		// twice
		long deadline = System.nanoTime() + this.properties.stopTimeout().toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.polling;
		return current != null && !current.isDisposed();
	}

	/** How many attempts are in flight now. */
	int inFlight() {
		return this.inFlight.get();
	}

	/** How many claimed deliveries are parked now. */
	int parked() {
		return this.parkedCount.get();
	}

	/**
	 * Claims due deliveries for the free slots and starts their attempts without waiting
	 * for them; claims again while whole batches come back and slots are free. Emits how
	 * many it started.
	 */
	Mono<Long> fill() {
		long stale = System.nanoTime() - this.properties.lease().toNanos() / 2;
		return giveBackParked((parked) -> parked.since() < stale).then(Mono.fromRunnable(this::resumeParked))
			.then(claimOnce().expand((started) -> (started > 0 && free() > 0) ? claimOnce() : Mono.empty())
				.reduce(0L, Long::sum))
			.flatMap((started) -> lookAgainWhenDue().thenReturn(started));
	}

	/**
	 * With slots free and nothing more to claim, wakes the worker when the next delivery
	 * comes due (a retry, a postponed delivery, a lease that runs out), so that no poll
	 * has to find it; not sooner than the busy delay, so a due row that cannot be claimed
	 * yet (claims paused, parking full, locked by another replica) is not asked for in a
	 * loop. While every slot is taken, an attempt's end wakes the worker instead.
	 */
	private Mono<Void> lookAgainWhenDue() {
		if (free() <= 0) {
			return Mono.empty();
		}
		return this.deliveries.untilNextDue().doOnNext((delay) -> {
			Duration wait = (delay.compareTo(this.properties.busyDelay()) > 0) ? delay : this.properties.busyDelay();
			Disposable previous = this.nextLook.getAndSet(Mono.delay(wait).subscribe((tick) -> wake()));
			if (previous != null) {
				previous.dispose();
			}
		}).then();
	}

	private int free() {
		return this.properties.concurrency() - this.inFlight.get();
	}

	private Mono<Long> claimOnce() {
		Disposable current = this.polling;
		// while every parking place is taken, claiming more would only give them back
		int room = (this.properties.maxParked() > 0) ? this.properties.maxParked() - this.parkedCount.get()
				: Integer.MAX_VALUE;
		int wanted = Math.min(Math.min(free(), this.properties.batchSize()), room);
		if (wanted <= 0 || current == null || current.isDisposed() || System.nanoTime() < this.claimsPausedUntil) {
			return Mono.just(0L);
		}
		// started once the claim has been read whole, not from within its result stream
		return this.deliveries.claimDue(wanted, this.properties.lease(), UUID.randomUUID())
			.collectList()
			.map((claimed) -> {
				claimed.forEach(this::start);
				return (claimed.size() == wanted) ? (long) wanted : 0L;
			});
	}

	private void start(ClaimedDelivery delivery) {
		this.inFlight.incrementAndGet();
		String[] stage = { "sending" };
		Duration limit = this.properties.attemptTimeout();
		// a watchdog: an attempt that never ends (a peer or a driver that loses a signal)
		// must not hold its slot for good; its row stays claimed and is tried again when
		// its lease ends
		attempt(delivery, stage).timeout(limit, Mono.fromSupplier(() -> {
			logger.warn("Delivery {} did not end within {} ({}); it is retried when its lease ends", delivery.id(),
					limit, stage[0]);
			return Ended.NONE;
		})).onErrorResume(this::logFailure).defaultIfEmpty(Ended.NONE).subscribe((ended) -> {
			this.inFlight.decrementAndGet();
			if (!ended.parked()) {
				// an attempt ended: its lane has room for the next parked delivery
				if (ended.lane() != null) {
					resume(ended.lane());
				}
				wake();
			}
		}, (ex) -> this.inFlight.decrementAndGet());
	}

	/** Starts the next parked delivery of every lane, while slots are free. */
	private void resumeParked() {
		for (String lane : List.copyOf(this.parked.keySet())) {
			resume(lane);
		}
	}

	private void resume(String lane) {
		Deque<Parked> queue = this.parked.get(lane);
		if (queue == null || free() <= 0 || !isRunning()) {
			return;
		}
		Parked next = queue.pollFirst();
		if (next != null) {
			this.parkedCount.decrementAndGet();
			start(next.delivery());
		}
	}

	/** Parks a busy delivery on its lane; false when the lane or the worker is full. */
	private boolean park(String lane, ClaimedDelivery delivery, long since) {
		if (!isRunning() || this.parkedCount.incrementAndGet() > this.properties.maxParked()) {
			this.parkedCount.decrementAndGet();
			return false;
		}
		boolean[] kept = { false };
		// added inside compute: a lane emptied meanwhile is never dropped with it
		this.parked.compute(lane, (key, queue) -> {
			Deque<Parked> lanes = (queue != null) ? queue : new ConcurrentLinkedDeque<>();
			if (lanes.size() < this.properties.parkedPerLane()) {
				lanes.addLast(new Parked(delivery, since));
				kept[0] = true;
			}
			return lanes;
		});
		if (!kept[0]) {
			this.parkedCount.decrementAndGet();
		}
		return kept[0];
	}

	/** Gives parked deliveries back to the database, without counting their attempt. */
	private Mono<Void> giveBackParked(Predicate<Parked> which) {
		List<Parked> back = new ArrayList<>();
		for (Deque<Parked> queue : this.parked.values()) {
			for (Parked parked : queue) {
				// remove() wins or loses against resume()'s poll atomically: never both
				if (which.test(parked) && queue.remove(parked)) {
					back.add(parked);
					this.parkedCount.decrementAndGet();
				}
			}
		}
		for (String lane : List.copyOf(this.parked.keySet())) {
			this.parked.computeIfPresent(lane, (key, queue) -> queue.isEmpty() ? null : queue);
		}
		return Flux.fromIterable(back)
			.flatMap((parked) -> this.deliveries.postpone(parked.delivery(), this.properties.busyDelay(), null), 8)
			.then();
	}

	private Mono<Ended> attempt(ClaimedDelivery delivery, String[] stage) {
		if (delivery.target() == null) {
			return failed(delivery, null, "The subscriber was removed").thenReturn(Ended.NONE);
		}
		if (delivery.createdAt() != null
				&& delivery.createdAt().plus(this.properties.giveUpAfter()).isBefore(Instant.now())) {
			return failed(delivery, null, "Gave up after " + this.properties.giveUpAfter() + " without delivering")
				.thenReturn(Ended.NONE);
		}
		if (delivery.attempts() > this.properties.maxAttempts()) {
			// the last attempt was claimed but its outcome never recorded (the worker
			// stopped)
			return failed(delivery, null, "Gave up after " + this.properties.maxAttempts() + " attempts")
				.thenReturn(Ended.NONE);
		}
		NotificationChannel channel = this.channels.find(delivery.channel()).orElse(null);
		if (channel == null) {
			return failed(delivery, null, "No channel serves '" + delivery.channel() + "'").thenReturn(Ended.NONE);
		}
		Notification notification = new Notification(delivery.id(), delivery.subscriberId(), delivery.eventType(),
				delivery.payload(), delivery.target(), delivery.secret());
		String lane = channel.lane(notification);
		return channel.send(notification).flatMap((result) -> {
			boolean busy = result.outcome() == DeliveryResult.Outcome.DEFERRED && result.after() == null;
			if (busy && park(lane, delivery, System.nanoTime())) {
				return Mono.just(new Ended(lane, true));
			}
			if (busy) {
				// its lane is full: claiming more now would mostly give claims back (one
				// SMTP server, one big host); the parked ones keep the lane busy
				// meanwhile
				this.claimsPausedUntil = System.nanoTime() + this.properties.busyDelay().toNanos();
			}
			else {
				// the channel freed the lane when it answered: its next parked delivery
				// goes now, not after this outcome has been written
				resume(lane);
			}
			stage[0] = "recording " + result.outcome();
			return record(delivery, result).thenReturn(new Ended(lane, false));
		});
	}

	private Mono<Void> record(ClaimedDelivery delivery, DeliveryResult result) {
		switch (result.outcome()) {
			case DELIVERED:
				return this.deliveries.delivered(delivery, result.httpStatus());
			case REJECTED:
				logger.info("Delivery {} failed for good: {}", delivery.id(), result.error());
				return failed(delivery, result.httpStatus(), result.error());
			case DEFERRED:
				// jittered, so deliveries deferred together do not come back together
				long wait = ((result.after() != null) ? result.after() : this.properties.busyDelay()).toMillis();
				return this.deliveries.postpone(delivery,
						Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 2 + 1)), result.error());
			default:
				if (delivery.attempts() >= this.properties.maxAttempts()) {
					logger.info("Delivery {} failed after {} attempts: {}", delivery.id(), delivery.attempts(),
							result.error());
					return failed(delivery, result.httpStatus(), result.error());
				}
				logger.debug("Delivery {} attempt {} failed, retrying: {}", delivery.id(), delivery.attempts(),
						result.error());
				return this.deliveries.retryLater(delivery,
						this.backoff.delay(delivery.attempts(), ThreadLocalRandom.current()), result.httpStatus(),
						result.error());
		}
	}

	private Mono<Void> failed(ClaimedDelivery delivery, Integer httpStatus, String error) {
		return this.deliveries.failed(delivery, httpStatus, error)
			.doOnSuccess((ignored) -> this.metrics.failed(delivery.channel()));
	}

	/** A claimed delivery waiting in memory for its lane, since {@code since} (nanos). */
	private record Parked(ClaimedDelivery delivery, long since) {
	}

	/**
	 * How an attempt ended: on which lane, and whether it was parked rather than made.
	 */
	private record Ended(String lane, boolean parked) {

		static final Ended NONE = new Ended(null, false);

	}

	private <T> Mono<T> logFailure(Throwable failure) {
		logger.warn("Delivery worker failed; due deliveries are retried on the next poll: {}", failure.toString());
		return Mono.empty();
	}

}
