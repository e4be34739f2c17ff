package dev.beacon.gateway.pages;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The Statuspage API on a page's own host lives at {@code /api/v2/…}, beside the
 * authenticated {@code /api/**}: it is open (the page decides who reads it), and a bearer
 * token, when one is sent, is verified as everywhere (so a private page can be read with
 * one; an invalid token is a 401).
 */
@Configuration(proxyBeanMethods = false)
class PublicApiSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain statuspageApiChain(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v2/**"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchange) -> exchange.anyExchange().permitAll())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}).authenticationEntryPoint((exchange, failure) -> {
				var response = exchange.getResponse();
				response.setStatusCode(HttpStatus.UNAUTHORIZED);
				response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
				response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
				byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
						+ "\"detail\":\"A valid bearer token is required.\"}")
					.getBytes(StandardCharsets.UTF_8);
				return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
			}))
			.build();
	}

}
