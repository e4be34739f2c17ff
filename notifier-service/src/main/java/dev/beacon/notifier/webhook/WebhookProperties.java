package dev.beacon.notifier.webhook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param timeout how long one attempt may take, from connecting to the end of the answer
 * @param connectTimeout how long connecting may take
 */
@ConfigurationProperties("beacon.notifier.webhook")
@Validated
record WebhookProperties(@NotNull @DefaultValue("10s") Duration timeout,
		@NotNull @DefaultValue("5s") Duration connectTimeout) {

	WebhookProperties {
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.webhook.timeout must be positive");
		}
		if (connectTimeout != null && (connectTimeout.isZero() || connectTimeout.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.webhook.connect-timeout must be positive");
		}
	}

}
