package dev.beacon.gateway.edge;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.beacon.gateway.pages.OpenReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** The public edge's limits, CORS and security headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

	@Bean
	ClientBuckets clientBuckets(EdgeProperties properties) {
		return new ClientBuckets(properties.rateLimit());
	}

	@Bean
	RateLimitFilter rateLimitFilter(ClientBuckets buckets) {
		return new RateLimitFilter(buckets);
	}

	/**
	 * The fast path of public reads ({@link FastReads}), in each connection's pipeline
	 * right after the HTTP codec. {@code beacon.gateway.edge.fast-reads=false} leaves
	 * every request to the full stack.
	 */
	@Bean
	NettyServerCustomizer fastReads(EdgeProperties properties, OpenReads reads, ClientBuckets buckets,
			Environment environment, ObjectProvider<MeterRegistry> meters) {
		if (!properties.fastReads()) {
			return (server) -> server;
		}
		Binder binder = Binder.get(environment);
		String forwarded = environment.getProperty("server.forward-headers-strategy", "none");
		FastReadRules rules = new FastReadRules(!forwarded.equalsIgnoreCase("none"),
				binder.bind("server.compression.enabled", Boolean.class).orElse(false),
				binder.bind("server.compression.min-response-size", DataSize.class).orElse(DataSize.ofKilobytes(2)),
				binder.bind("server.compression.mime-types", String[].class)
					.map((types) -> Arrays.stream(types).map(MimeTypeUtils::parseMimeType).toList())
					.orElse(List.of()));
		// resolved on first use: the server is made before the meter registry's
		// dependents
		Supplier<Counter> answered = SingletonSupplier.of(() -> Counter.builder("beacon.gateway.fast.reads")
			.description("Public reads answered from memory by the fast path, before the web stack")
			.register(meters.getIfAvailable(SimpleMeterRegistry::new)));
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, FastReads.NAME, new FastReads(reads, buckets, rules, answered));
			}
		});
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
