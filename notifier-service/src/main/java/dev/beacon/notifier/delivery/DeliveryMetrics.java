package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.beacon.outbox.Periodic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The dashboard's notifier metrics: {@code beacon_deliveries_pending} (a gauge of the
 * pending rows in the database, shared by every replica, refreshed every few seconds
 * rather than counted at each scrape) and {@code beacon_deliveries_failed_total} (tag
 * {@code channel}: deliveries this replica gave up on).
 */
@Component
class DeliveryMetrics extends Periodic {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final Deliveries deliveries;

	private final AtomicLong pending = new AtomicLong();

	DeliveryMetrics(MeterRegistry registry, Deliveries deliveries) {
		super("Counting pending deliveries", Duration.ZERO, REFRESH);
		this.registry = registry;
		this.deliveries = deliveries;
		Gauge.builder("beacon.deliveries.pending", this.pending, AtomicLong::get)
			.description("Deliveries waiting to be sent or retried")
			.register(registry);
	}

	@Override
	protected Mono<?> runOnce() {
		return this.deliveries.countPending().doOnNext(this.pending::set);
	}

	void failed(String channel) {
		Counter.builder("beacon.deliveries.failed")
			.description("Deliveries given up on")
			.tag("channel", channel)
			.register(this.registry)
			.increment();
	}

}
