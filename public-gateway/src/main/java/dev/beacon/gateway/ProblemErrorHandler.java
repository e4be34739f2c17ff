package dev.beacon.gateway;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every error the gateway itself produces is an RFC 9457 problem: no route (404), a
 * service that cannot be reached (503) or does not answer in time (504).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final JsonMapper json;

	ProblemErrorHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(failure);
		}
		ProblemDetail problem = problem(failure);
		problem.setInstance(exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = this.json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static ProblemDetail problem(Throwable failure) {
		if (failure instanceof ResponseStatusException status) {
			String detail = (status.getStatusCode().value() == 404) ? "No such resource" : status.getReason();
			return ProblemDetail.forStatusAndDetail(status.getStatusCode(), detail);
		}
		if (hasCause(failure, ConnectException.class)) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The service behind this path is not reachable; try again shortly");
		}
		if (hasCause(failure, TimeoutException.class)) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
					"The service behind this path did not answer in time");
		}
		logger.error("Unexpected gateway failure", failure);
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The request could not be routed");
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
