package dev.beacon.gateway.pages;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The public reads the gateway answers itself, from memory (GET and HEAD). They come
 * before the proxied routes, and match exactly these paths: others below
 * {@code /public/status/{slug}/…} (the notifier's subscribe endpoints) go on to the
 * routes of {@code gateway.yml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PagesProperties.class)
class PublicPageRoutes {

	@Bean
	RouterFunction<ServerResponse> publicPages(PublicPageHandler handler) {
		return RouterFunctions.route(read("/public/status/{slug}"), handler::document)
			.andRoute(read("/status/{slug}/api/v2/**"), handler::bySlug)
			.andRoute(read("/status/{slug}/history.atom").or(read("/status/{slug}/history.rss")), handler::bySlug)
			.andRoute(read("/api/v2/**").or(read("/history.atom")).or(read("/history.rss")), handler::byHost)
			.andRoute(read("/status/api/v2/**").or(read("/status/history.atom")).or(read("/status/history.rss")),
					handler::byHost);
	}

	private static RequestPredicate read(String pattern) {
		return RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD).and(RequestPredicates.path(pattern));
	}

}
