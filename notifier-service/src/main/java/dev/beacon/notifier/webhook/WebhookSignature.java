package dev.beacon.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Beacon-Signature: sha256=<hex>}, the lowercase hex
 * HMAC-SHA256, keyed with the subscriber's secret (UTF-8), of
 * {@code <X-Beacon-Timestamp> + "." + <body>}. Signing the timestamp lets receivers
 * refuse replays of old deliveries. Receivers may copy this class: it needs nothing but
 * the JDK.
 */
public final class WebhookSignature {

	/** The prefix of the header value, naming the algorithm. */
	public static final String PREFIX = "sha256=";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	/**
	 * The {@code X-Beacon-Signature} header value for {@code body} sent at
	 * {@code timestamp}.
	 */
	public static String sign(String secret, long timestamp, String body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
	}

	/**
	 * Whether {@code signatureHeader} is the signature of {@code body} with
	 * {@code timestampHeader}, compared in constant time. Checking that the timestamp is
	 * recent is up to the caller.
	 */
	public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
		if (secret == null || timestampHeader == null || body == null || signatureHeader == null) {
			return false;
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(timestampHeader.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = signatureHeader.strip().getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual);
	}

	private static byte[] hmac(String secret, String message) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// every JDK ships HmacSHA256, and a non-empty key is always valid for it
			throw new IllegalStateException("Cannot compute " + ALGORITHM, ex);
		}
	}

}
