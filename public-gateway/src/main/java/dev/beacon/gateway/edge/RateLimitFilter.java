package dev.beacon.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A token bucket per client address (bucket4j) on the public routes: a client that spent
 * its bucket gets 429 with {@code Retry-After} (whole seconds until its next token) until
 * it refills. The client address is the connection's peer: behind a proxy, let the server
 * read {@code Forwarded} / {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy}) only if that proxy is the one setting them.
 * The buckets ({@link ClientBuckets}) are the fast path's too.
 */
class RateLimitFilter implements WebFilter, Ordered {

	/** Before security and routing: a refused request costs as little as possible. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final ClientBuckets buckets;

	RateLimitFilter(ClientBuckets buckets) {
		this.buckets = buckets;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.buckets.enabled() || !PublicRoutes.isPublic(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		ConsumptionProbe probe = this.buckets.take(client(exchange));
		if (probe.isConsumed()) {
			return chain.filter(exchange);
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
				+ ((probe.getNanosToWaitForRefill() % 1_000_000_000L) > 0 ? 1 : 0));
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this address; try again in " + seconds + " s");
	}

	private static String client(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
