package dev.beacon.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** The public edge's limits, CORS and security headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

	@Bean
	RateLimitFilter rateLimitFilter(EdgeProperties properties) {
		return new RateLimitFilter(properties.rateLimit());
	}

	@Bean
	BodyLimitFilter bodyLimitFilter(EdgeProperties properties) {
		return new BodyLimitFilter(properties);
	}

	@Bean
	SecurityHeadersFilter securityHeadersFilter() {
		return new SecurityHeadersFilter();
	}

	/**
	 * CORS for everything public, preflights included: any origin, any request header, no
	 * credentials (a browser widget reads a page cross-origin; a private page needs a
	 * bearer token, which is a header, not a cookie). Ahead of security and routing, so a
	 * preflight is answered here.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CorsWebFilter publicCorsFilter() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOrigin("*");
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
		cors.addAllowedHeader("*");
		cors.setExposedHeaders(List.of("ETag", "Retry-After", "Beacon-Data-Age", "Last-Modified"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String pattern : List.of("/public/**", "/status/**", "/api/v2/**", "/history.atom", "/history.rss")) {
			source.registerCorsConfiguration(pattern, cors);
		}
		return new CorsWebFilter(source);
	}

}
