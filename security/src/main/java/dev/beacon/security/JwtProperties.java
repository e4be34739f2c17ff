package dev.beacon.security;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * How bearer tokens are verified: with a JWK set (the platform's identity provider) or,
 * for the local run and tests, with a shared HMAC key. Exactly one of the two must be
 * set.
 *
 * @param jwkSetUri the identity provider's JWK set
 * @param hmacSecret a shared HS256 key of at least 32 bytes
 * @param issuer when set, tokens must carry this {@code iss}
 */
@ConfigurationProperties("beacon.security.jwt")
public record JwtProperties(String jwkSetUri, String hmacSecret, String issuer) {

	public JwtProperties {
		boolean jwk = StringUtils.hasText(jwkSetUri);
		boolean hmac = StringUtils.hasText(hmacSecret);
		if (jwk == hmac) {
			throw new IllegalArgumentException(
					"Set exactly one of beacon.security.jwt.jwk-set-uri and beacon.security.jwt.hmac-secret");
		}
		if (hmac && hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalArgumentException("beacon.security.jwt.hmac-secret must be at least 32 bytes long");
		}
	}

}
