package dev.beacon.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Security headers on every public response: a Content Security Policy without inline or
 * evaluated scripts, {@code X-Content-Type-Options: nosniff}, a {@code Referrer-Policy},
 * and a frame policy that forbids framing — except the page's embeddable view
 * ({@code /status/{slug}/embed}, {@code /embed} on a page's host), which any site may
 * frame. Runs after Spring Security's filter chain, and sets the headers just before the
 * response is committed, so they replace its defaults where they differ.
 */
class SecurityHeadersFilter implements WebFilter, Ordered {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors ";

	@Override
	public int getOrder() {
		// after the security chain (WebFilterChainProxy is at -100)
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (PublicRoutes.isPublic(path)) {
			boolean embed = PublicRoutes.isEmbed(path);
			exchange.getResponse().beforeCommit(() -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				headers.set("Content-Security-Policy", CSP + (embed ? "*" : "'none'"));
				headers.set("X-Content-Type-Options", "nosniff");
				headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
				if (embed) {
					headers.remove("X-Frame-Options");
				}
				else {
					headers.set("X-Frame-Options", "DENY");
				}
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
