package dev.beacon.statusapi.metrics;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.beacon.statusapi.registry.MetricUnit;
import dev.beacon.statusapi.registry.PageMetric;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading metrics through the cache, the bulkhead and the circuit breaker, against a
 * loopback server that answers like Prometheus and can be made slow or failing.
 */
class MetricReadingsTests {

	private static final PageMetric LATENCY = new PageMetric("Latency", "histogram_quantile(0.95, x)",
			MetricUnit.MILLISECONDS);

	private final FakePrometheus prometheus = new FakePrometheus();

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	@AfterEach
	void stop() {
		this.prometheus.close();
	}

	@Test
	void asksPrometheusOncePerTtlWhateverTheNumberOfReaders() {
		MetricReadings readings = readings(this.prometheus.url(), Duration.ofSeconds(2));
		List<ShownMetric> shown = Flux.range(0, 50)
			.flatMap((reader) -> readings.show(LATENCY))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(shown).hasSize(50).allSatisfy((metric) -> {
			assertThat(metric.value()).isEqualTo(42.0);
			assertThat(metric.formatted()).isEqualTo("42 ms");
			assertThat(metric.sparkline()).hasSize(2);
		});
		// one instant and one range query
		assertThat(this.prometheus.queries.get()).isEqualTo(2);
		readings.show(LATENCY).block(Duration.ofSeconds(5));
		assertThat(this.prometheus.queries.get()).isEqualTo(2);
	}

	@Test
	void showsAMetricAsUnavailableWhilePrometheusIsDown() throws IOException {
		URI closed = URI.create("http://127.0.0.1:" + PrometheusProcess.freePort());
		ShownMetric shown = readings(closed, Duration.ofSeconds(2)).show(LATENCY).block(Duration.ofSeconds(10));
		assertThat(shown.value()).isNull();
		assertThat(shown.formatted()).isNull();
		assertThat(shown.reason()).isEqualTo("Prometheus is unreachable");
		assertThat(shown.name()).isEqualTo("Latency");
		assertThat(shown.unit()).isEqualTo("ms");
	}

	@Test
	void givesUpOnASlowPrometheusAfterTheTimeout() {
		this.prometheus.delay.set(Duration.ofSeconds(3));
		long start = System.nanoTime();
		ShownMetric shown = readings(this.prometheus.url(), Duration.ofMillis(300)).show(LATENCY)
			.block(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(shown.value()).isNull();
		assertThat(shown.reason()).isEqualTo("Prometheus did not answer within 300 ms");
	}

	@Test
	void showsPrometheusErrorsAsTheReason() {
		this.prometheus.status.set(503);
		ShownMetric shown = readings(this.prometheus.url(), Duration.ofSeconds(2)).show(LATENCY)
			.block(Duration.ofSeconds(10));
		assertThat(shown.value()).isNull();
		assertThat(shown.reason()).isEqualTo("Prometheus answered 503: overloaded");
	}

	@Test
	void opensTheCircuitAfterRepeatedFailuresAndClosesItWhenPrometheusRecovers() {
		MetricReadings readings = readings(this.prometheus.url(), Duration.ofSeconds(2));
		this.prometheus.status.set(503);
		CircuitBreaker circuit = this.circuitBreakers
			.circuitBreaker(MetricsConfiguration.circuitName(this.prometheus.url()));
		// each reading is two queries; the failure cache lasts 100 ms
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			readings.show(LATENCY).block(Duration.ofSeconds(5));
			return circuit.getState() == CircuitBreaker.State.OPEN;
		});
		int asked = this.prometheus.queries.get();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(readings.show(LATENCY).block(Duration.ofSeconds(5)).reason())
				.isEqualTo("Prometheus failed repeatedly; it is left alone for a while"));
		assertThat(this.prometheus.queries.get()).isEqualTo(asked);

		this.prometheus.status.set(200);
		this.prometheus.value.set("7.5");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(readings.show(LATENCY).block(Duration.ofSeconds(5)).value()).isEqualTo(7.5));
		await().atMost(Duration.ofSeconds(5)).until(() -> circuit.getState() == CircuitBreaker.State.CLOSED);
	}

	@Test
	void aQueryPrometheusRefusesDoesNotOpenTheCircuit() {
		MetricReadings readings = readings(this.prometheus.url(), Duration.ofSeconds(2));
		this.prometheus.status.set(400);
		for (int i = 0; i < 10; i++) {
			readings.show(new PageMetric("Broken " + i, "sum(" + i, null)).block(Duration.ofSeconds(5));
		}
		assertThat(
				this.circuitBreakers.circuitBreaker(MetricsConfiguration.circuitName(this.prometheus.url())).getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		ShownMetric shown = readings.show(new PageMetric("Broken", "sum(", null)).block(Duration.ofSeconds(5));
		assertThat(shown.reason()).isEqualTo("1:5: parse error: unexpected end of input");
	}

	private MetricReadings readings(URI server, Duration timeout) {
		MetricsProperties properties = new MetricsProperties(server, timeout, Duration.ofSeconds(30),
				Duration.ofMillis(100), Duration.ofHours(24), 96,
				new MetricsProperties.Resilience(Duration.ofSeconds(1), 10, 4, 50, 8));
		PrometheusClient client = new MetricsConfiguration().prometheusClient(properties, this.circuitBreakers,
				BulkheadRegistry.ofDefaults());
		return new MetricReadings(properties, client);
	}

}
