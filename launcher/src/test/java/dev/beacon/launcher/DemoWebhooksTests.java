package dev.beacon.launcher;

import java.time.Instant;

import dev.beacon.notifier.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoWebhooksTests {

	static final String SECRET = "demo-subscriber-secret-0123456789";

	static final String BODY = "{\"type\":\"incident.opened\"}";

	static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

	@Test
	void acceptsASignedDeliveryFromWithinTheWindow() {
		assertThat(authentic(NOW.getEpochSecond())).isTrue();
		assertThat(authentic(NOW.minusSeconds(299).getEpochSecond())).isTrue();
		assertThat(authentic(NOW.plusSeconds(299).getEpochSecond())).isTrue();
	}

	@Test
	void refusesAValidlySignedDeliveryReplayedLater() {
		assertThat(authentic(NOW.minusSeconds(301).getEpochSecond())).isFalse();
		assertThat(authentic(NOW.minusSeconds(86_400).getEpochSecond())).isFalse();
		assertThat(authentic(NOW.plusSeconds(301).getEpochSecond())).isFalse();
	}

	@Test
	void refusesAWrongSignatureOrTimestamp() {
		long sent = NOW.getEpochSecond();
		String signature = WebhookSignature.sign(SECRET, sent, BODY);
		assertThat(DemoWebhooks.isAuthentic(SECRET, Long.toString(sent), BODY + " ", signature, NOW)).isFalse();
		assertThat(DemoWebhooks.isAuthentic("another-secret-0123456789", Long.toString(sent), BODY, signature, NOW))
			.isFalse();
		assertThat(DemoWebhooks.isAuthentic(SECRET, "yesterday", BODY, signature, NOW)).isFalse();
		assertThat(DemoWebhooks.isAuthentic(SECRET, null, BODY, signature, NOW)).isFalse();
	}

	private static boolean authentic(long sent) {
		return DemoWebhooks.isAuthentic(SECRET, Long.toString(sent), BODY, WebhookSignature.sign(SECRET, sent, BODY),
				NOW);
	}

}
