package dev.beacon.notifier.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The tokens in links: 32 random bytes (base64url, 43 characters), unguessable; only
 * their SHA-256 is stored, so a leaked database holds no working link. A hash is enough
 * (no salt or slow hash): the token has 256 bits of entropy.
 */
final class LinkTokens {

	private static final SecureRandom random = new SecureRandom();

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

	private LinkTokens() {
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether {@code token} has the form of an issued token. */
	static boolean wellFormed(String token) {
		return token != null && FORM.matcher(token).matches();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK ships SHA-256", ex);
		}
	}

}
