package dev.beacon.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
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
 * Buckets of addresses not seen for 10 min are forgotten, and at most {@code clients} are
 * kept.
 */
class RateLimitFilter implements WebFilter, Ordered {

	/** Before security and routing: a refused request costs as little as possible. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final EdgeProperties.RateLimit limit;

	private final Cache<String, Bucket> buckets;

	RateLimitFilter(EdgeProperties.RateLimit limit) {
		this.limit = limit;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limit.clients())
			.expireAfterAccess(Duration.ofMinutes(10))
			.build();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.limit.enabled() || !PublicRoutes.isPublic(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		ConsumptionProbe probe = this.buckets.get(client(exchange), (address) -> newBucket())
			.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return chain.filter(exchange);
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
				+ ((probe.getNanosToWaitForRefill() % 1_000_000_000L) > 0 ? 1 : 0));
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this address; try again in " + seconds + " s");
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limit.capacity())
				.refillGreedy(this.limit.perSecond(), Duration.ofSeconds(1))
				.build())
			.build();
	}

	private static String client(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
