package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

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

	private final Sinks.Many<Object> wakes = Sinks.many().multicast().directBestEffort();

	private volatile Disposable polling;

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
		// woken by this replica's fan-outs and finished attempts; the poll finds retries
		// that came due and rows fanned out by other replicas
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

	/**
	 * Claims due deliveries for the free slots and starts their attempts without waiting
	 * for them; claims again while whole batches come back and slots are free. Emits how
	 * many it started.
	 */
	Mono<Long> fill() {
		return claimOnce().expand((started) -> (started > 0 && free() > 0) ? claimOnce() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	private int free() {
		return this.properties.concurrency() - this.inFlight.get();
	}

	private Mono<Long> claimOnce() {
		Disposable current = this.polling;
		int wanted = Math.min(free(), this.properties.batchSize());
		if (wanted <= 0 || current == null || current.isDisposed()) {
			return Mono.just(0L);
		}
		return this.deliveries.claimDue(wanted, this.properties.lease(), UUID.randomUUID())
			.doOnNext(this::start)
			.count()
			.map((claimed) -> (claimed == wanted) ? claimed : 0L);
	}

	private void start(ClaimedDelivery delivery) {
		this.inFlight.incrementAndGet();
		attempt(delivery).onErrorResume(this::logFailure).doFinally((signal) -> {
			this.inFlight.decrementAndGet();
			wake();
		}).subscribe();
	}

	private Mono<Void> attempt(ClaimedDelivery delivery) {
		if (delivery.target() == null) {
			return failed(delivery, null, "The subscriber was removed");
		}
		if (delivery.createdAt() != null
				&& delivery.createdAt().plus(this.properties.giveUpAfter()).isBefore(Instant.now())) {
			return failed(delivery, null, "Gave up after " + this.properties.giveUpAfter() + " without delivering");
		}
		if (delivery.attempts() > this.properties.maxAttempts()) {
			// the last attempt was claimed but its outcome never recorded (the worker
			// stopped)
			return failed(delivery, null, "Gave up after " + this.properties.maxAttempts() + " attempts");
		}
		NotificationChannel channel = this.channels.find(delivery.channel()).orElse(null);
		if (channel == null) {
			return failed(delivery, null, "No channel serves '" + delivery.channel() + "'");
		}
		Notification notification = new Notification(delivery.id(), delivery.subscriberId(), delivery.eventType(),
				delivery.payload(), delivery.target(), delivery.secret());
		return channel.send(notification).flatMap((result) -> record(delivery, result));
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

	private <T> Mono<T> logFailure(Throwable failure) {
		logger.warn("Delivery worker failed; due deliveries are retried on the next poll: {}", failure.toString());
		return Mono.empty();
	}

}
