package dev.beacon.problems;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;

/**
 * Every error a service answers outside its controllers — no such path (404), a method
 * the path does not take (405), anything that escaped — is an RFC 9457 problem, never
 * Spring's default error JSON. Import it into a service whose port has no other error
 * handling (the gateway has its own). An unexpected failure is a 500 problem that says
 * nothing of its cause; the cause goes to the log.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorProblems {

	private static final Logger logger = LoggerFactory.getLogger(ErrorProblems.class);

	@Bean
	@Order(-2)
	ErrorWebExceptionHandler problemErrorWebExceptionHandler() {
		return (exchange, failure) -> {
			ServerHttpResponse response = exchange.getResponse();
			if (response.isCommitted()) {
				return Mono.error(failure);
			}
			HttpStatusCode status;
			String detail;
			if (failure instanceof ErrorResponse error) {
				status = error.getStatusCode();
				detail = (status.value() == 404) ? "No such resource"
						: (status.value() == 405)
								? "This path does not take the method " + exchange.getRequest().getMethod().name()
								: error.getBody().getDetail();
				response.getHeaders().putAll(error.getHeaders());
			}
			else {
				logger.error("Unexpected failure answering {} {}", exchange.getRequest().getMethod(),
						exchange.getRequest().getPath(), failure);
				status = HttpStatus.INTERNAL_SERVER_ERROR;
				detail = "The request could not be answered";
			}
			response.setStatusCode(status);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			HttpStatus known = HttpStatus.resolve(status.value());
			String body = "{\"type\":\"about:blank\",\"title\":\""
					+ ((known != null) ? known.getReasonPhrase() : "Error") + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + escape(String.valueOf(detail)) + "\",\"instance\":\""
					+ escape(exchange.getRequest().getPath().value()) + "\"}";
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
		};
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
