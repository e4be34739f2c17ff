package dev.beacon.testsupport;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens signed with the tests' shared HMAC key, as the platform's portal would
 * send them.
 */
public final class TestTokens {

	/** The HMAC key tests configure as {@code beacon.security.jwt.hmac-secret}. */
	public static final String HMAC_SECRET = "beacon-test-secret-beacon-test-secret-0123456789";

	/**
	 * The audience tests configure as {@code beacon.security.jwt.audience}; every token
	 * here carries it.
	 */
	public static final String AUDIENCE = "beacon-api";

	/**
	 * The issuer every token here carries; tests that check issuers configure it as
	 * {@code beacon.security.jwt.issuer}.
	 */
	public static final String ISSUER = "https://portal.beacon.test";

	/**
	 * The properties a service under test needs to verify these tokens, as
	 * {@code key=value} for {@code @SpringBootTest(properties = ...)}.
	 */
	public static final String HMAC_SECRET_PROPERTY = "beacon.security.jwt.hmac-secret=" + HMAC_SECRET;

	/** See {@link #HMAC_SECRET_PROPERTY}. */
	public static final String AUDIENCE_PROPERTY = "beacon.security.jwt.audience=" + AUDIENCE;

	private TestTokens() {
	}

	/** A token that may read and change the given applications. */
	public static String forApplications(UUID... applicationIds) {
		return sign(new JWTClaimsSet.Builder().subject("portal-user")
			.claim("applications", Arrays.stream(applicationIds).map(UUID::toString).toList()));
	}

	/** A token with the admin scope, which may read and change every application. */
	public static String admin() {
		return sign(new JWTClaimsSet.Builder().subject("portal-admin")
			.claim("scope", "beacon:admin")
			.claim("applications", List.of()));
	}

	private static String sign(JWTClaimsSet.Builder claims) {
		Instant now = Instant.now();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
					claims.issuer(ISSUER)
						.audience(AUDIENCE)
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(3600)))
						.build());
			jwt.sign(new MACSigner(HMAC_SECRET));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
