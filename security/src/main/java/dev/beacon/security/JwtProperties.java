package dev.beacon.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How bearer tokens are verified: with a JWK set (the platform's identity provider) or,
 * for the local run and tests, with a shared HMAC key. Exactly one of the two must be
 * set. Every token must carry {@code exp} and the audience; {@code nbf} is honoured when
 * present.
 *
 * @param jwkSetUri the identity provider's JWK set
 * @param hmacSecret a shared HS256 key of at least 32 bytes
 * @param issuer when set, tokens must carry this {@code iss}
 * @param audience tokens must list this in {@code aud}: a token minted for another
 * resource of the same identity provider is refused
 * @param clockSkew how far the clocks of the identity provider and this service may
 * differ when {@code exp} and {@code nbf} are checked (at most 5 minutes)
 * @param jwkSetConnectTimeout how long connecting to the JWK set may take
 * @param jwkSetReadTimeout how long the JWK set may take to answer
 */
@ConfigurationProperties("beacon.security.jwt")
public record JwtProperties(String jwkSetUri, String hmacSecret, String issuer, String audience,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("2s") Duration jwkSetConnectTimeout,
		@DefaultValue("3s") Duration jwkSetReadTimeout) {

	private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

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
		if (!StringUtils.hasText(audience)) {
			throw new IllegalArgumentException(
					"Set beacon.security.jwt.audience (BEACON_JWT_AUDIENCE): tokens must be minted for Beacon");
		}
		if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException("beacon.security.jwt.clock-skew must be between 0 and 5m");
		}
		requirePositive(jwkSetConnectTimeout, "jwk-set-connect-timeout");
		requirePositive(jwkSetReadTimeout, "jwk-set-read-timeout");
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("beacon.security.jwt." + name + " must be positive");
		}
	}

	@Override
	public String toString() {
		// never print the key
		return "JwtProperties[jwkSetUri=" + this.jwkSetUri + ", issuer=" + this.issuer + ", audience=" + this.audience
				+ "]";
	}

}
