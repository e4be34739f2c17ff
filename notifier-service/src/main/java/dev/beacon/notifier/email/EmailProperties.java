package dev.beacon.notifier.email;

import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The email channel; the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from the sender, e.g. {@code Beacon <status@example.com>}
 * @param concurrency how many mails are handed to the SMTP server at once
 * @param breakerFailureRate the percentage of failed sends (of the last ones) that opens
 * the SMTP circuit
 * @param breakerMinimumCalls how many sends the circuit counts before it may open
 * @param breakerOpenFor how long an open circuit refuses sends before trying one
 * @param connectionIdle an SMTP connection unused this long is closed rather than reused
 * (servers drop idle clients, commonly after a minute or more)
 */
@ConfigurationProperties("beacon.notifier.email")
@Validated
record EmailProperties(@NotBlank @DefaultValue("Beacon <beacon@localhost>") String from,
		@Min(1) @Max(256) @DefaultValue("8") int concurrency,
		@Min(1) @Max(100) @DefaultValue("50") float breakerFailureRate,
		@Min(1) @Max(1000) @DefaultValue("10") int breakerMinimumCalls,
		@NotNull @DefaultValue("15s") Duration breakerOpenFor, @NotNull @DefaultValue("20s") Duration connectionIdle) {

	EmailProperties {
		if (from != null && !from.isBlank()) {
			try {
				new InternetAddress(from, true);
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException("beacon.notifier.email.from is not a mail address: " + from, ex);
			}
		}
		if (breakerOpenFor != null && (breakerOpenFor.isZero() || breakerOpenFor.isNegative())) {
			throw new IllegalArgumentException("beacon.notifier.email.breaker-open-for must be positive");
		}
	}

}
