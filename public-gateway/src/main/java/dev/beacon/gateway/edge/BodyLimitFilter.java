package dev.beacon.gateway.edge;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Per-route request body limits: {@code /api/**} takes up to {@code apiBody}, every other
 * route up to {@code publicBody}. A declared {@code Content-Length} above the limit is
 * refused before anything is read (413); a body without one (chunked) is counted as it
 * streams and fails with 413 once it passes the limit.
 */
class BodyLimitFilter implements WebFilter, Ordered {

	static final int ORDER = RateLimitFilter.ORDER + 10;

	private final EdgeProperties properties;

	BodyLimitFilter(EdgeProperties properties) {
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		long limit = (PublicRoutes.isPublic(path) ? this.properties.publicBody() : this.properties.apiBody()).toBytes();
		long declared = request.getHeaders().getContentLength();
		if (declared > limit) {
			return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than this route takes (" + limit + " bytes)");
		}
		if (declared >= 0 && !request.getHeaders().containsHeader("Transfer-Encoding")) {
			return chain.filter(exchange);
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				long[] seen = { 0 };
				return super.getBody().map((buffer) -> {
					seen[0] += buffer.readableByteCount();
					if (seen[0] > limit) {
						DataBufferUtils.release(buffer);
						throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"The request body is larger than this route takes (" + limit + " bytes)");
					}
					return buffer;
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

}
