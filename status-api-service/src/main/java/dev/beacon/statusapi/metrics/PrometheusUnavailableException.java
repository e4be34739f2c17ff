package dev.beacon.statusapi.metrics;

/**
 * Prometheus did not give an answer: it is unreachable, slow, overloaded or broken.
 * Counts against its circuit breaker.
 */
class PrometheusUnavailableException extends RuntimeException {

	PrometheusUnavailableException(String message) {
		super(message);
	}

}
