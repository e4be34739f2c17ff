package dev.beacon.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.StringUtils;
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

	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
		NimbusReactiveJwtDecoder decoder = StringUtils.hasText(properties.hmacSecret()) ? NimbusReactiveJwtDecoder
			.withSecretKey(new SecretKeySpec(properties.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build() : NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		decoder.setJwtValidator(StringUtils.hasText(properties.issuer())
				? JwtValidators.createDefaultWithIssuer(properties.issuer()) : JwtValidators.createDefault());
		return decoder;
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
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
