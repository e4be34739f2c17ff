package dev.beacon.statusapi.metrics;

import java.net.URI;
import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pages' custom metrics: one client per Prometheus server, with a circuit breaker and
 * a bulkhead of its own (named after the server, so that their state shows in this
 * service's metrics), and the readings cache in front of it.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	MetricReadings metricReadings(MetricsProperties properties, ObjectProvider<PrometheusClient> prometheus) {
		return new MetricReadings(properties, prometheus.getIfAvailable());
	}

	@Bean
	PrometheusMetricQueries metricQueries(ObjectProvider<PrometheusClient> prometheus) {
		return new PrometheusMetricQueries(prometheus.getIfAvailable());
	}

	@Bean
	@ConditionalOnExpression("'${beacon.metrics.prometheus-url:}' != ''")
	PrometheusClient prometheusClient(MetricsProperties properties, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads) {
		URI server = properties.prometheusUrl();
		String name = circuitName(server);
		MetricsProperties.Resilience resilience = properties.resilience();
		CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(resilience.window())
					.minimumNumberOfCalls(resilience.minimumCalls())
					.failureRateThreshold(resilience.failureRate())
					.waitDurationInOpenState(resilience.openFor())
					.permittedNumberOfCallsInHalfOpenState(2)
					.recordExceptions(PrometheusUnavailableException.class)
					.ignoreExceptions(PrometheusQueryException.class, BulkheadFullException.class)
					.build());
		Bulkhead bulkhead = bulkheads.bulkhead(name,
				BulkheadConfig.custom()
					.maxConcurrentCalls(resilience.maxConcurrentQueries())
					.maxWaitDuration(Duration.ZERO)
					.build());
		return new PrometheusClient(server, properties.timeout(), circuitBreaker, bulkhead);
	}

	/**
	 * The name of the server's circuit breaker and bulkhead:
	 * {@code prometheus-host-port}.
	 */
	static String circuitName(URI server) {
		return "prometheus-" + server.getHost() + ((server.getPort() != -1) ? "-" + server.getPort() : "");
	}

}
