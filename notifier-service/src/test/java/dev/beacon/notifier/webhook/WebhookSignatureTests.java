package dev.beacon.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	static final String SECRET = "whsec-test-0123456789abcdef";

	static final String BODY = "{\"type\":\"incident.opened\",\"eventId\":\"3f1c\"}";

	@Test
	void signsTimestampDotBodyWithHmacSha256() {
		// computed independently: printf '%s' '1700000000.<body>' | openssl dgst -sha256
		// -hmac <secret>
		assertThat(WebhookSignature.sign(SECRET, 1700000000L, BODY))
			.isEqualTo("sha256=6ebacd6a719c0c676e92c44739fe854bfb8c9ff53863b629e5929f5ebf4cda81");
	}

	@Test
	void matchesAPlainJdkHmac() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("ünïcode-secret-1234".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of()
			.formatHex(mac.doFinal("42.{\"title\":\"Ärger\"}".getBytes(StandardCharsets.UTF_8)));
		assertThat(WebhookSignature.sign("ünïcode-secret-1234", 42, "{\"title\":\"Ärger\"}"))
			.isEqualTo("sha256=" + expected);
	}

	@Test
	void verifiesItsOwnSignature() {
		String signature = WebhookSignature.sign(SECRET, 1700000000L, BODY);
		assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature)).isTrue();
	}

	@Test
	void refusesATamperedBodyTimestampSecretOrSignature() {
		String signature = WebhookSignature.sign(SECRET, 1700000000L, BODY);
		assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY + " ", signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000001", BODY, signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET + "x", "1700000000", BODY, signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature.toUpperCase())).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, "sha256=")).isFalse();
	}

	@Test
	void refusesMissingOrMalformedHeaders() {
		String signature = WebhookSignature.sign(SECRET, 1700000000L, BODY);
		assertThat(WebhookSignature.verify(SECRET, null, BODY, signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "yesterday", BODY, signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, null)).isFalse();
	}

}
