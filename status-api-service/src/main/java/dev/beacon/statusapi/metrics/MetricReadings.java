package dev.beacon.statusapi.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.beacon.statusapi.registry.PageMetric;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads pages' metrics from Prometheus, each at most once per cache TTL whatever the
 * number of readers (concurrent readers of an expired metric share one evaluation). A
 * reading never fails: while Prometheus fails, the metric is unavailable with the reason,
 * and Prometheus is asked again after the shorter failure TTL (its circuit breaker
 * decides whether it is really asked).
 */
public class MetricReadings {

	private static final int MAX_METRICS = 10_000;

	private final MetricsProperties properties;

	private final PrometheusClient prometheus;

	private final AsyncLoadingCache<String, MetricReading> readings;

	MetricReadings(MetricsProperties properties, PrometheusClient prometheus) {
		this.properties = properties;
		this.prometheus = prometheus;
		this.readings = Caffeine.newBuilder()
			.maximumSize(MAX_METRICS)
			.expireAfter(Expiry.creating((String query, MetricReading reading) -> reading.failed()
					? properties.failureCacheTtl() : properties.cacheTtl()))
			.buildAsync((query, executor) -> evaluate(query));
	}

	/** The page's metrics as it shows them, in order. */
	public Mono<List<ShownMetric>> show(List<PageMetric> metrics) {
		return Flux.fromIterable(metrics).concatMap(this::show).collectList();
	}

	Mono<ShownMetric> show(PageMetric metric) {
		return read(metric.query()).map((reading) -> new ShownMetric(metric.name(),
				(metric.unit() != null) ? metric.unit().symbol() : null, reading.value(),
				(reading.value() != null) ? MetricFormat.format(reading.value(), metric.unit()) : null,
				reading.reason(), reading.sparkline()));
	}

	Mono<MetricReading> read(String query) {
		if (this.prometheus == null) {
			return Mono.just(MetricReading.unavailable("no Prometheus server is configured"));
		}
		return Mono.fromFuture(() -> this.readings.get(query), true);
	}

	private CompletableFuture<MetricReading> evaluate(String query) {
		Duration range = this.properties.sparklineRange();
		Mono<List<Sample>> sparkline = this.prometheus.range(query, range, this.properties.sparklinePoints())
			.onErrorReturn(List.of());
		return this.prometheus.instant(query)
			.zipWith(sparkline, (now, history) -> new MetricReading(now.value(), now.reason(), history, false))
			.onErrorResume((ex) -> Mono.just(MetricReading.unavailable(ex.getMessage())))
			.toFuture();
	}

}
