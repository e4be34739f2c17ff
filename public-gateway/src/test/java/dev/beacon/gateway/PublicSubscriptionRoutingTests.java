package dev.beacon.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribing to a page and the links in mails go to the notifier; the page itself stays
 * with the status API. Stand-in services on loopback say who they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
class PublicSubscriptionRoutingTests {

	static final HttpServer statusApi = service("status-api");

	static final HttpServer notifier = service("notifier");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("beacon.gateway.status-api-uri", () -> uri(statusApi));
		registry.add("beacon.gateway.incident-uri", () -> uri(statusApi));
		registry.add("beacon.gateway.notifier-uri", () -> uri(notifier));
	}

	@AfterAll
	static void stopServices() {
		statusApi.stop(0);
		notifier.stop(0);
	}

	@Value("${local.server.port}")
	int port;

	@Test
	void sendsSubscriptionsAndMailLinksToTheNotifier() {
		WebTestClient client = TestInfrastructure.client(this.port);
		client.post()
			.uri("/public/status/demo/subscribers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"a@example.com\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("notifier POST /public/status/demo/subscribers");
		String token = "A".repeat(43);
		client.get()
			.uri("/public/subscriptions/confirm/" + token)
			.exchange()
			.expectBody(String.class)
			.isEqualTo("notifier GET /public/subscriptions/confirm/" + token);
		client.post()
			.uri("/public/subscriptions/unsubscribe/" + token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("notifier POST /public/subscriptions/unsubscribe/" + token);
	}

	@Test
	void leavesThePageItselfToTheGatewaysMemory() {
		WebTestClient client = TestInfrastructure.client(this.port);
		// no page is published in this test: the gateway answers from memory, nobody else
		for (String path : new String[] { "/public/status/demo", "/public/status/subscribers" }) {
			client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody(String.class)
				.value((body) -> assertThat(body).doesNotContain("notifier", "status-api"));
		}
	}

	private static HttpServer service(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String uri(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

}
