package dev.beacon.notifier.delivery;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Deliveries to one subscriber that no event fans out (confirmation mails): kept like any
 * other, so they are retried and shown in the history.
 */
@Service
public class DirectDeliveries {

	private final Deliveries deliveries;

	private final DeliveryWorker worker;

	DirectDeliveries(Deliveries deliveries, DeliveryWorker worker) {
		this.deliveries = deliveries;
		this.worker = worker;
	}

	/** Adds the delivery; call it inside the transaction that makes the subscriber. */
	public Mono<Void> enqueue(UUID applicationId, UUID subscriberId, String channel, String eventType, String payload) {
		return this.deliveries.add(applicationId, subscriberId, channel, UUID.randomUUID(), eventType, payload);
	}

	/** Makes the worker look for due deliveries now (call it after the commit). */
	public void wake() {
		this.worker.wake();
	}

}
