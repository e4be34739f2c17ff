package dev.beacon.gateway.html;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Where the HTML page and what belongs to it live. Router functions are consulted before
 * the gateway's routes, so these exact paths never reach a service.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

	@Bean
	RouterFunction<ServerResponse> statusPageRoutes(PageHandlers pages, LiveUpdates live) {
		return route(GET(HtmlRenderer.ASSETS + "/{file}"), pages::asset).andRoute(GET("/status/{slug}"), pages::page)
			.andRoute(GET("/status/{slug}/content"), pages::content)
			.andRoute(GET("/status/{slug}/embed"), pages::embed)
			.andRoute(GET("/status/{slug}/badge.svg"), pages::badge)
			.andRoute(GET("/status/{slug}/widget.js"), pages::widget)
			.andRoute(GET("/status/{slug}/events"), live::events)
			.andRoute(GET("/status/{slug}/live"), live::webSocket)
			.andRoute(GET("/"), pages::pageByHost)
			.andRoute(GET("/status"), pages::pageByHost);
	}

}
