package dev.beacon.notifier.delivery;

import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

/** What the API shows of deliveries. */
@Service
public class DeliveryHistory {

	/** The most the API lists at once. */
	public static final int LIMIT = 100;

	private final Deliveries deliveries;

	DeliveryHistory(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	/** The application's newest deliveries, newest first. */
	public Flux<Delivery> recent(UUID applicationId) {
		return this.deliveries.recent(applicationId, LIMIT);
	}

}
