package dev.beacon.statusapi.metrics;

import dev.beacon.statusapi.registry.MetricQueries;
import reactor.core.publisher.Mono;

/** Checks queries with the configured Prometheus's own parser. */
class PrometheusMetricQueries implements MetricQueries {

	private final PrometheusClient prometheus;

	PrometheusMetricQueries(PrometheusClient prometheus) {
		this.prometheus = prometheus;
	}

	@Override
	public Mono<Void> check(String query) {
		if (this.prometheus == null) {
			return Mono.error(new QueriesUncheckableException(false,
					"no Prometheus server is configured (BEACON_PROMETHEUS_URL)"));
		}
		return this.prometheus.parse(query)
			.onErrorMap(PrometheusQueryException.class, (ex) -> new QueryRefusedException(ex.getMessage()))
			.onErrorMap(PrometheusUnavailableException.class,
					(ex) -> new QueriesUncheckableException(true, ex.getMessage()));
	}

}
