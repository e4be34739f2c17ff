package dev.beacon.gateway.edge;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/** The problem+json answers the edge's filters give. */
final class Problems {

	private Problems() {
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = json(status.value(), status.getReasonPhrase(), detail, exchange.getRequest().getPath().value())
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static String json(int status, String title, String detail, String instance) {
		StringBuilder body = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"").append(escape(title))
			.append("\",\"status\":")
			.append(status)
			.append(",\"detail\":\"")
			.append(escape(detail))
			.append('"');
		if (instance != null) {
			body.append(",\"instance\":\"").append(escape(instance)).append('"');
		}
		return body.append('}').toString();
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
