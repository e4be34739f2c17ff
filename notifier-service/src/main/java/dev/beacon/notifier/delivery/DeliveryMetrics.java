package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The dashboard's notifier metrics: {@code beacon_deliveries_pending} (a gauge of the
 * pending rows in the database, shared by every replica, refreshed every few seconds
 * rather than counted at each scrape) and {@code beacon_deliveries_failed_total} (tag
 * {@code channel}: deliveries this replica gave up on).
 */
@Component
class DeliveryMetrics implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryMetrics.class);

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final Deliveries deliveries;

	private final AtomicLong pending = new AtomicLong();

	private volatile Disposable refreshing;

	DeliveryMetrics(MeterRegistry registry, Deliveries deliveries) {
		this.registry = registry;
		this.deliveries = deliveries;
		Gauge.builder("beacon.deliveries.pending", this.pending, AtomicLong::get)
			.description("Deliveries waiting to be sent or retried")
			.register(registry);
	}

	void failed(String channel) {
		Counter.builder("beacon.deliveries.failed")
			.description("Deliveries given up on")
			.tag("channel", channel)
			.register(this.registry)
			.increment();
	}

	@Override
	public void start() {
		this.refreshing = Flux.interval(Duration.ZERO, REFRESH)
			.onBackpressureDrop()
			.concatMap((tick) -> this.deliveries.countPending().doOnNext(this.pending::set).onErrorResume((ex) -> {
				logger.debug("Could not count pending deliveries: {}", ex.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.refreshing;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.refreshing;
		return current != null && !current.isDisposed();
	}

}
