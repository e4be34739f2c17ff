package dev.beacon.incident.incidents;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The {@code beacon.incidents.open} gauge, tagged by {@code source}: the open incidents
 * of every application, counted in the database every
 * {@code beacon.incident.open-incidents-refresh} (30 s). Every replica reports the same
 * figure, so dashboards take its maximum, not its sum.
 */
@Component
class OpenIncidentsGauge implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OpenIncidentsGauge.class);

	private final Incidents incidents;

	private final Map<Source, AtomicLong> open = new EnumMap<>(Source.class);

	private final Duration refresh;

	private volatile Disposable refreshing;

	OpenIncidentsGauge(Incidents incidents, MeterRegistry registry,
			@Value("${beacon.incident.open-incidents-refresh:30s}") Duration refresh) {
		this.incidents = incidents;
		this.refresh = refresh;
		for (Source source : Source.values()) {
			AtomicLong count = new AtomicLong();
			this.open.put(source, count);
			Gauge.builder("beacon.incidents.open", count, AtomicLong::get)
				.description("Incidents not yet resolved")
				.tag("source", source.value())
				.register(registry);
		}
	}

	@Override
	public void start() {
		this.refreshing = Flux.interval(Duration.ZERO, this.refresh)
			.onBackpressureDrop()
			.concatMap((tick) -> this.incidents.countOpen().doOnNext(this::show).onErrorResume((failure) -> {
				logger.debug("Could not count open incidents; trying again in {}: {}", this.refresh,
						failure.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	private void show(Map<Source, Long> counts) {
		this.open.forEach((source, count) -> count.set(counts.getOrDefault(source, 0L)));
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
