package dev.beacon.notifier.webhook;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param timeout how long one attempt may take, from connecting to the end of the answer
 * @param connectTimeout how long connecting may take
 * @param perHostConcurrency how many requests one receiving host (and port) gets at once
 * @param maxConnections how many connections the webhook client keeps open at most
 * @param breakerFailureRate the percentage of failed calls (of the last ones) that opens
 * a host's circuit
 * @param breakerMinimumCalls how many calls a host's circuit counts before it may open
 * @param breakerOpenFor how long an open circuit refuses calls before letting one through
 */
@ConfigurationProperties("beacon.notifier.webhook")
@Validated
record WebhookProperties(@NotNull @DefaultValue("10s") Duration timeout,
		@NotNull @DefaultValue("5s") Duration connectTimeout,
		@Min(1) @Max(1000) @DefaultValue("8") int perHostConcurrency,
		@Min(1) @Max(10000) @DefaultValue("500") int maxConnections,
		@Min(1) @Max(100) @DefaultValue("50") float breakerFailureRate,
		@Min(1) @Max(1000) @DefaultValue("5") int breakerMinimumCalls,
		@NotNull @DefaultValue("30s") Duration breakerOpenFor) {

	WebhookProperties {
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.webhook.timeout must be positive");
		}
		if (connectTimeout != null && (connectTimeout.isZero() || connectTimeout.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.webhook.connect-timeout must be positive");
		}
		if (breakerOpenFor != null && (breakerOpenFor.isZero() || breakerOpenFor.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.webhook.breaker-open-for must be positive");
		}
	}

	/** The defaults, for tests. */
	static WebhookProperties defaults(Duration timeout, Duration connectTimeout) {
		return new WebhookProperties(timeout, connectTimeout, 8, 500, 50, 5, Duration.ofSeconds(30));
	}

}
