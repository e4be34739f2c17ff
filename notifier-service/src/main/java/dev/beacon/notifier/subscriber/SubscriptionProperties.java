package dev.beacon.notifier.subscriber;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxPerApplication how many subscribers one application may have (one tenant's
 * fan-out cannot grow without bound)
 * @param confirmationValidity how long a confirmation link works; an address not
 * confirmed by then is forgotten
 * @param unsubscribeLinkValidity how long the unsubscribe link of one mail works
 * @param purgeInterval how often expired confirmations and links are deleted
 */
@ConfigurationProperties("beacon.notifier.subscriptions")
@Validated
public record SubscriptionProperties(@Min(1) @Max(10_000_000) @DefaultValue("25000") int maxPerApplication,
		@NotNull @DefaultValue("24h") Duration confirmationValidity,
		@NotNull @DefaultValue("365d") Duration unsubscribeLinkValidity,
		@NotNull @DefaultValue("10m") Duration purgeInterval) {

	public SubscriptionProperties {
		for (Duration duration : new Duration[] { confirmationValidity, unsubscribeLinkValidity, purgeInterval }) {
			if (duration != null && (duration.isNegative() || duration.isZero())) {
				throw new IllegalArgumentException("beacon.notifier.subscriptions: durations must be positive");
			}
		}
	}

}
