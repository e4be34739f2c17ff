package dev.beacon.launcher;

import java.time.Duration;
import java.time.Instant;

import dev.beacon.notifier.webhook.WebhookSignature;

/**
 * How the demo application checks a webhook, as the notifier's README tells receivers to:
 * the signature, and that it was signed recently, so a captured delivery cannot be
 * replayed later. People copy the demo; it must do both.
 */
final class DemoWebhooks {

	/** How far a delivery's timestamp may be from now, either way. */
	static final Duration WINDOW = Duration.ofMinutes(5);

	private DemoWebhooks() {
	}

	static boolean isAuthentic(String secret, String timestampHeader, String body, String signatureHeader,
			Instant now) {
		if (secret == null || timestampHeader == null) {
			return false;
		}
		long sent;
		try {
			sent = Long.parseLong(timestampHeader.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		boolean recent = Math.abs(now.getEpochSecond() - sent) <= WINDOW.toSeconds();
		return recent && WebhookSignature.verify(secret, timestampHeader, body, signatureHeader);
	}

}
