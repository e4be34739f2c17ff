package dev.beacon.incident.incidents;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.beacon.outbox.Periodic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code beacon.incidents.open} gauge, tagged by {@code source}: the open incidents
 * of every application, counted in the database every
 * {@code beacon.incident.open-incidents-refresh} (30 s). Every replica reports the same
 * figure, so dashboards take its maximum, not its sum.
 */
@Component
class OpenIncidentsGauge extends Periodic {

	private final Incidents incidents;

	private final Map<Source, AtomicLong> open = new EnumMap<>(Source.class);

	OpenIncidentsGauge(Incidents incidents, MeterRegistry registry,
			@Value("${beacon.incident.open-incidents-refresh:30s}") Duration refresh) {
		super("Counting open incidents", Duration.ZERO, refresh);
		this.incidents = incidents;
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
	protected Mono<?> runOnce() {
		return this.incidents.countOpen().doOnNext(this::show);
	}

	private void show(Map<Source, Long> counts) {
		this.open.forEach((source, count) -> count.set(counts.getOrDefault(source, 0L)));
	}

}
