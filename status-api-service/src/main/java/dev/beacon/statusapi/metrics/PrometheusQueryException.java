package dev.beacon.statusapi.metrics;

/**
 * Prometheus answered, refusing the query (it does not parse, or cannot be executed). The
 * server is fine: this does not count against its circuit breaker.
 */
class PrometheusQueryException extends RuntimeException {

	PrometheusQueryException(String message) {
		super(message);
	}

}
