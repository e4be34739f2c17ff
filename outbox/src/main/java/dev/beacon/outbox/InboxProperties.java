package dev.beacon.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a processed event is remembered: at least as long as Kafka
 * keeps the topics it came from (7 days by default), since only a message still on a
 * topic can be redelivered
 * @param purgeInterval how often older rows are deleted
 */
@ConfigurationProperties("beacon.inbox")
@Validated
record InboxProperties(@NotNull @DefaultValue("7d") Duration retention,
		@NotNull @DefaultValue("1h") Duration purgeInterval) {

	InboxProperties {
		if (retention != null && (retention.isNegative() || retention.isZero())) {
			throw new IllegalArgumentException("beacon.inbox.retention must be positive");
		}
		if (purgeInterval != null && (purgeInterval.isNegative() || purgeInterval.isZero())) {
			throw new IllegalArgumentException("beacon.inbox.purge-interval must be positive");
		}
	}

}
