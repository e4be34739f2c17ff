package dev.beacon.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Bearer-token authentication for {@code /api/**}; everything else (public pages, health)
 * is open and decides for itself what to show. Import it into every service with an API:
 * services verify the token the gateway relays rather than trusting the gateway.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtProperties.class)
public class BeaconSecurityConfiguration {

	/**
	 * Verifies a token's signature, then its claims: {@code exp} is required and
	 * {@code nbf} honoured (within the clock skew), the audience must be listed, the
	 * issuer must match when one is configured. The JWK set is fetched with connect and
	 * read timeouts, so a slow identity provider cannot stall requests; it is cached and
	 * fetched again only when a token names a key id it does not hold (key rotation).
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
		NimbusReactiveJwtDecoder decoder = StringUtils.hasText(properties.hmacSecret())
				? NimbusReactiveJwtDecoder
					.withSecretKey(
							new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
					.macAlgorithm(MacAlgorithm.HS256)
					.build()
				: NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
					.webClient(jwkSetClient(properties))
					.build();
		decoder.setJwtValidator(validator(properties));
		// a key set that cannot be fetched fails the token (401), not the request (500)
		return (token) -> decoder.decode(token)
			.onErrorMap((failure) -> !(failure instanceof JwtException),
					(failure) -> new BadJwtException("The token's signing keys could not be fetched", failure));
	}

	static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		// Spring Security lets a token without exp live for ever by default
		timestamps.setAllowEmptyExpiryClaim(false);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		validators.add(new JwtAudienceValidator(properties.audience()));
		if (StringUtils.hasText(properties.issuer())) {
			validators.add(new JwtIssuerValidator(properties.issuer()));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	private static WebClient jwkSetClient(JwtProperties properties) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwkSetConnectTimeout().toMillis())
			.responseTimeout(properties.jwkSetReadTimeout());
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	/** Stops a service whose database password is not set, naming the variable. */
	@Bean
	static BeanFactoryPostProcessor requiredSecrets(Environment environment) {
		return new RequiredSecrets(environment);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			// stateless: each request carries its token, nothing is kept in a web session
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchange) -> exchange.pathMatchers("/api/**").authenticated().anyExchange().permitAll())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			})
				.authenticationEntryPoint((exchange, failure) -> problem(exchange, HttpStatus.UNAUTHORIZED,
						"A valid bearer token is required."))
				.accessDeniedHandler((exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN,
						"The bearer token does not allow this request.")))
			.build();
	}

	private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status == HttpStatus.UNAUTHORIZED) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		String body = "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
				+ exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
