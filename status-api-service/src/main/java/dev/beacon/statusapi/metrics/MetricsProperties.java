package dev.beacon.statusapi.metrics;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the pages' custom metrics are evaluated, and how carefully.
 *
 * @param prometheusUrl the Prometheus server ({@code BEACON_PROMETHEUS_URL}); empty when
 * there is none, and then no page may have metrics
 * @param timeout how long one query may take before it counts as failed
 * @param cacheTtl how long a metric's reading is reused (30–60 s): one evaluation per
 * metric per TTL, however many readers its page has
 * @param failureCacheTtl how long a failed reading is reused before Prometheus is asked
 * again
 * @param sparklineRange how far back a sparkline reaches
 * @param sparklinePoints how many points a sparkline has at most
 * @param resilience the circuit breaker and bulkhead in front of the server
 */
@ConfigurationProperties("beacon.metrics")
@Validated
record MetricsProperties(URI prometheusUrl, @NotNull @DefaultValue("2s") Duration timeout,
		@NotNull @DefaultValue("45s") Duration cacheTtl, @NotNull @DefaultValue("5s") Duration failureCacheTtl,
		@NotNull @DefaultValue("24h") Duration sparklineRange,
		@Min(2) @Max(500) @DefaultValue("96") int sparklinePoints,
		@Valid @NotNull @DefaultValue Resilience resilience) {

	boolean configured() {
		return this.prometheusUrl != null && !this.prometheusUrl.toString().isBlank();
	}

	@AssertTrue(message = "beacon.metrics.cache-ttl must be between 30 s and 60 s")
	boolean isCacheTtlWithinBounds() {
		return this.cacheTtl == null || (this.cacheTtl.compareTo(Duration.ofSeconds(30)) >= 0
				&& this.cacheTtl.compareTo(Duration.ofSeconds(60)) <= 0);
	}

	@AssertTrue(message = "beacon.metrics.prometheus-url (BEACON_PROMETHEUS_URL) must be an absolute http or https URL "
			+ "without credentials, or empty")
	boolean isPrometheusUrlUsable() {
		if (!configured()) {
			return true;
		}
		String scheme = this.prometheusUrl.getScheme();
		return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
				&& this.prometheusUrl.getHost() != null && this.prometheusUrl.getRawUserInfo() == null;
	}

	@AssertTrue(message = "beacon.metrics.timeout must be between 100 ms and 30 s")
	boolean isTimeoutWithinBounds() {
		return this.timeout == null
				|| (this.timeout.toMillis() >= 100 && this.timeout.compareTo(Duration.ofSeconds(30)) <= 0);
	}

	/**
	 * @param openFor how long the circuit stays open before a few trial queries
	 * @param window how many recent queries the failure rate is measured over
	 * @param minimumCalls how many queries it takes before the rate counts
	 * @param failureRate the percentage of failures that opens the circuit
	 * @param maxConcurrentQueries queries in flight at once; more are refused at once
	 */
	record Resilience(@NotNull @DefaultValue("30s") Duration openFor, @Min(2) @DefaultValue("10") int window,
			@Min(1) @DefaultValue("4") int minimumCalls, @Min(1) @Max(100) @DefaultValue("50") int failureRate,
			@Min(1) @DefaultValue("8") int maxConcurrentQueries) {
	}

}
