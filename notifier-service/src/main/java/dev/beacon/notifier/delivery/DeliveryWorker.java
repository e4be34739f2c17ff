package dev.beacon.notifier.delivery;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
 * Sends due deliveries through their channels and records each outcome. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas never send the same row at
 * once; a worker that dies mid-attempt leaves the row to be retried when the lease runs
 * out (receivers dedupe by the delivery id). Logs never carry targets, secrets or
 * payloads.
 * <p>
 * It runs when a fan-out in this replica committed new deliveries, and every
 * {@code beacon.notifier.delivery.poll-interval}.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

	private final Deliveries deliveries;

	private final NotificationChannels channels;

	private final DeliveryProperties properties;

	private final Backoff backoff;

	private final Sinks.Many<Object> wakes = Sinks.many().multicast().directBestEffort();

	private volatile Disposable polling;

	DeliveryWorker(Deliveries deliveries, NotificationChannels channels, DeliveryProperties properties) {
		this.deliveries = deliveries;
		this.channels = channels;
		this.properties = properties;
		this.backoff = properties.backoff();
	}

	/**
	 * Makes the worker look for due deliveries at once (a fan-out committed some); calls
	 * made meanwhile fold into one look.
	 */
	synchronized void wake() {
		this.wakes.tryEmitNext(Boolean.TRUE);
	}

	@Override
	public void start() {
		// woken by this replica's fan-outs; the poll finds retries that came due and rows
		// fanned out by other replicas
		this.polling = Flux.merge(Flux.interval(this.properties.pollInterval()), this.wakes.asFlux())
			.onBackpressureLatest()
			.concatMap((tick) -> deliverDue().onErrorResume(this::logFailure), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.polling;
		return current != null && !current.isDisposed();
	}

	/**
	 * Claims one batch of due deliveries and attempts them concurrently; emits how many.
	 */
	Mono<Long> deliverDue() {
		int batch = this.properties.batchSize();
		return this.deliveries.claimDue(batch, this.properties.lease(), UUID.randomUUID())
			.flatMap((delivery) -> attempt(delivery).onErrorResume(this::logFailure), batch)
			.count();
	}

	private Mono<Void> attempt(ClaimedDelivery delivery) {
		if (delivery.target() == null) {
			return this.deliveries.failed(delivery, null, "The subscriber was removed");
		}
		if (delivery.attempts() > this.properties.maxAttempts()) {
			// the last attempt was claimed but its outcome never recorded (the worker
			// stopped)
			return this.deliveries.failed(delivery, null,
					"Gave up after " + this.properties.maxAttempts() + " attempts");
		}
		NotificationChannel channel = this.channels.find(delivery.channel()).orElse(null);
		if (channel == null) {
			return this.deliveries.failed(delivery, null, "No channel serves '" + delivery.channel() + "'");
		}
		Notification notification = new Notification(delivery.id(), delivery.eventType(), delivery.payload(),
				delivery.target(), delivery.secret());
		return channel.send(notification).flatMap((result) -> record(delivery, result));
	}

	private Mono<Void> record(ClaimedDelivery delivery, DeliveryResult result) {
		switch (result.outcome()) {
			case DELIVERED:
				return this.deliveries.delivered(delivery, result.httpStatus());
			case REJECTED:
				logger.info("Delivery {} failed for good: {}", delivery.id(), result.error());
				return this.deliveries.failed(delivery, result.httpStatus(), result.error());
			default:
				if (delivery.attempts() >= this.properties.maxAttempts()) {
					logger.info("Delivery {} failed after {} attempts: {}", delivery.id(), delivery.attempts(),
							result.error());
					return this.deliveries.failed(delivery, result.httpStatus(), result.error());
				}
				logger.debug("Delivery {} attempt {} failed, retrying: {}", delivery.id(), delivery.attempts(),
						result.error());
				return this.deliveries.retryLater(delivery,
						this.backoff.delay(delivery.attempts(), ThreadLocalRandom.current()), result.httpStatus(),
						result.error());
		}
	}

	private <T> Mono<T> logFailure(Throwable failure) {
		logger.warn("Delivery worker failed; due deliveries are retried on the next poll: {}", failure.toString());
		return Mono.empty();
	}

}
