package dev.beacon.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import reactor.netty.NettyPipeline;

/**
 * Requests refused before routing answer problem+json like every other error: those
 * Spring Security's firewall rejects (encoded {@code /}, {@code %}, NUL, {@code ;},
 * {@code \}, {@code ..}, …), methods the gateway does not serve ({@code TRACE},
 * {@code CONNECT}), and those Reactor Netty answers itself ({@link EmptyErrorProblems}).
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

	@Bean
	ServerExchangeRejectedHandler problemRejectedHandler() {
		return (exchange, rejected) -> Problems.write(exchange, HttpStatus.BAD_REQUEST,
				"The request's path or headers are not accepted: " + reason(rejected.getMessage()));
	}

	/** TRACE would echo a request back (cross-site tracing); no route takes CONNECT. */
	@Bean
	WebFilter traceAndConnectRefused() {
		return new OrderedMethodFilter();
	}

	@Bean
	NettyServerCustomizer emptyErrorProblems() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, EmptyErrorProblems.NAME, new EmptyErrorProblems());
			}
		});
	}

	/** Only the kind of rejection: the firewall's message may quote the request. */
	private static String reason(String message) {
		if (message == null) {
			return "rejected";
		}
		int quote = message.indexOf('"');
		return (quote > 0) ? message.substring(0, quote).strip() : "rejected";
	}

	static final class OrderedMethodFilter implements WebFilter, org.springframework.core.Ordered {

		@Override
		public int getOrder() {
			return RateLimitFilter.ORDER - 5;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, org.springframework.web.server.WebFilterChain chain) {
			HttpMethod method = exchange.getRequest().getMethod();
			if (HttpMethod.TRACE.equals(method) || "CONNECT".equals(method.name())) {
				exchange.getResponse()
					.getHeaders()
					.setAllow(java.util.Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
							HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS));
				return Problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED,
						"The method " + method.name() + " is not served");
			}
			return chain.filter(exchange);
		}

	}

}
