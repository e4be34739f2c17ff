package dev.beacon.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The token rules every service applies, on the decoder the services use. */
class JwtVerificationTests {

	static final String SECRET = "jwt-verification-tests-secret-0123456789abcdef";

	static final String AUDIENCE = "beacon-api";

	static final String ISSUER = "https://id.example.test";

	final ReactiveJwtDecoder decoder = new BeaconSecurityConfiguration().jwtDecoder(new JwtProperties(null, SECRET,
			ISSUER, AUDIENCE, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(3)));

	@Test
	void acceptsATokenWithExpiryAudienceAndIssuer() {
		Jwt jwt = this.decoder.decode(hmac(valid().build(), SECRET)).block();
		assertThat(jwt.getSubject()).isEqualTo("portal-user");
	}

	@Test
	void refusesATokenWithoutExpiry() {
		refused(hmac(valid().expirationTime(null).build(), SECRET));
	}

	@Test
	void refusesAnExpiredTokenButToleratesTheClockSkew() {
		Instant now = Instant.now();
		refused(hmac(valid().expirationTime(Date.from(now.minusSeconds(120))).build(), SECRET));
		assertThat(this.decoder.decode(hmac(valid().expirationTime(Date.from(now.minusSeconds(5))).build(), SECRET))
			.block()).isNotNull();
	}

	@Test
	void refusesATokenNotYetValid() {
		refused(hmac(valid().notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build(), SECRET));
	}

	@Test
	void refusesATokenForAnotherAudienceOrNone() {
		refused(hmac(valid().audience("another-resource").build(), SECRET));
		refused(hmac(valid().audience((String) null).build(), SECRET));
		assertThat(this.decoder.decode(hmac(valid().audience(List.of("another-resource", AUDIENCE)).build(), SECRET))
			.block()).isNotNull();
	}

	@Test
	void refusesATokenOfAnotherIssuerOrNone() {
		refused(hmac(valid().issuer("https://elsewhere.test").build(), SECRET));
		refused(hmac(valid().issuer(null).build(), SECRET));
	}

	@Test
	void refusesATokenSignedWithAnotherKeyOrUnsigned() {
		refused(hmac(valid().build(), "another-secret-of-at-least-thirty-two-bytes!"));
		refused(new PlainJWT(valid().build()).serialize());
	}

	@Test
	void refusesConfigurationWithoutAudience() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtProperties(null, SECRET, null, " ", Duration.ZERO, Duration.ofSeconds(1),
					Duration.ofSeconds(1)))
			.withMessageContaining("BEACON_JWT_AUDIENCE");
	}

	@Test
	void cachesTheKeySetAndFetchesItAgainForAnUnknownKeyId() throws Exception {
		RSAKey first = new RSAKeyGenerator(2048).keyID("first").generate();
		RSAKey second = new RSAKeyGenerator(2048).keyID("second").generate();
		AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
		AtomicInteger fetches = new AtomicInteger();
		HttpServer idp = server((exchange) -> {
			fetches.incrementAndGet();
			byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		try {
			ReactiveJwtDecoder remote = jwkDecoder(idp, Duration.ofSeconds(5));
			assertThat(remote.decode(rsa(first)).block()).isNotNull();
			assertThat(remote.decode(rsa(first)).block()).isNotNull();
			assertThat(fetches).hasValue(1);

			published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
			assertThat(remote.decode(rsa(second)).block()).isNotNull();
			assertThat(fetches).hasValue(2);
		}
		finally {
			idp.stop(0);
		}
	}

	@Test
	void givesUpOnAKeySetThatDoesNotAnswerInTime() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		HttpServer idp = server((exchange) -> {
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		try {
			ReactiveJwtDecoder remote = jwkDecoder(idp, Duration.ofMillis(500));
			String token = rsa(new RSAKeyGenerator(2048).keyID("k").generate());
			long start = System.nanoTime();
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> remote.decode(token).block());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			release.countDown();
			idp.stop(0);
		}
	}

	private void refused(String token) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(token).block());
	}

	private static ReactiveJwtDecoder jwkDecoder(HttpServer idp, Duration readTimeout) {
		String uri = "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks";
		return new BeaconSecurityConfiguration().jwtDecoder(new JwtProperties(uri, null, null, AUDIENCE,
				Duration.ofSeconds(30), Duration.ofSeconds(1), readTimeout));
	}

	private static JWTClaimsSet.Builder valid() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject("portal-user")
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.issueTime(Date.from(now.minusSeconds(600)))
			.expirationTime(Date.from(now.plusSeconds(600)));
	}

	private static String hmac(JWTClaimsSet claims, String secret) {
		return sign(new JWSHeader(JWSAlgorithm.HS256), claims, macSigner(secret));
	}

	private static String rsa(RSAKey key) throws JOSEException {
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				valid().issuer(null).build(), new RSASSASigner(key));
	}

	private static JWSSigner macSigner(String secret) {
		try {
			return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.createContext("/jwks", handler);
		server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
		server.start();
		return server;
	}

}
