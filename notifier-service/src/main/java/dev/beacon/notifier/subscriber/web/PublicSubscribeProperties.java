package dev.beacon.notifier.subscriber.web;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the public subscribe endpoint, so that it cannot be used to mail-bomb a
 * stranger.
 *
 * @param perClient requests one client address may make per {@code perClientPeriod}
 * @param perClientPeriod the period of {@code perClient}
 * @param perTarget subscriptions one mail address (or webhook URL) may be given per
 * {@code perTargetPeriod}; more are answered as usual but send nothing
 * @param perTargetPeriod the period of {@code perTarget}
 * @param trustForwardedFor whether the client address is the last entry of
 * {@code X-Forwarded-For} (set it only behind the gateway, which appends the address it
 * saw); otherwise it is the connection's peer
 * @param trackedKeys how many client and target addresses are remembered at most (the
 * least recently seen are forgotten first)
 */
@ConfigurationProperties("beacon.notifier.public-subscribe")
@Validated
record PublicSubscribeProperties(@Min(1) @Max(100_000) @DefaultValue("10") int perClient,
		@NotNull @DefaultValue("1m") Duration perClientPeriod, @Min(1) @Max(1000) @DefaultValue("3") int perTarget,
		@NotNull @DefaultValue("1h") Duration perTargetPeriod, @DefaultValue("false") boolean trustForwardedFor,
		@Min(100) @Max(10_000_000) @DefaultValue("100000") int trackedKeys) {

	PublicSubscribeProperties {
		for (Duration period : new Duration[] { perClientPeriod, perTargetPeriod }) {
			if (period != null && (period.isNegative() || period.isZero())) {
				throw new IllegalArgumentException("beacon.notifier.public-subscribe: periods must be positive");
			}
		}
	}

}
