package dev.beacon.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscriber's webhook endpoint on loopback: {@code /hooks/{subscriber}} records every
 * delivery attempt it receives (the event id from the body, the delivery id from
 * {@code X-Beacon-Delivery}) and answers 204.
 */
final class WebhookReceiver {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	WebhookReceiver(HttpServer server) {
		server.createContext("/hooks/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String subscriber = exchange.getRequestURI().getPath().substring("/hooks/".length());
			JsonNode payload = json.readTree(body);
			this.deliveries.add(new Delivery(subscriber, payload.path("meta").path("event_id").asString(),
					exchange.getRequestHeaders().getFirst("X-Beacon-Delivery"),
					payload.path("meta").path("event_type").asString(), Instant.now()));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
	}

	List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	/** One webhook request as received. */
	record Delivery(String subscriber, String eventId, String deliveryId, String type, Instant receivedAt) {
	}

}
