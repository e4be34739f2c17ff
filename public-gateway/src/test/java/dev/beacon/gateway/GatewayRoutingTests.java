package dev.beacon.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stand-in services: real HTTP servers on loopback that say who
 * they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
class GatewayRoutingTests {

	static final Map<String, String> authorizationSeenBy = new ConcurrentHashMap<>();

	static final java.util.List<String> requestsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

	static final HttpServer statusApi = service("status-api");

	static final HttpServer incidents = service("incident");

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerKafka(registry, TestInfrastructure.topicPrefix(GatewayRoutingTests.class));
		registry.add("beacon.gateway.status-api-uri", () -> uri(statusApi));
		registry.add("beacon.gateway.incident-uri", () -> uri(incidents));
		registry.add("beacon.gateway.notifier-uri", () -> "http://127.0.0.1:" + closedPort());
	}

	@AfterAll
	static void stopServices() {
		statusApi.stop(0);
		incidents.stop(0);
	}

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void answersPublicPagesItselfNeverAskingStatusApi() {
		this.client.get()
			.uri("/public/status/demo")
			.header("Origin", "https://elsewhere.example")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "*");
		assertThat(requestsSeen).noneMatch((request) -> request.contains("/public/"));
	}

	@Test
	void routesTheApiByPathAndRelaysTheToken() {
		UUID id = UUID.randomUUID();
		String token = TestTokens.forApplications(id);
		this.client.get()
			.uri("/api/applications/" + id + "/incidents")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("incident GET /api/applications/" + id + "/incidents");
		assertThat(authorizationSeenBy.get("incident")).isEqualTo("Bearer " + token);
		this.client.get()
			.uri("/api/applications/" + id + "/status")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("status-api GET /api/applications/" + id + "/status");
	}

	@Test
	void refusesTheApiWithoutAValidToken() {
		this.client.post()
			.uri("/api/applications")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get()
			.uri("/api/applications")
			.headers((h) -> h.setBearerAuth("not-a-jwt"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void answersUnknownPathsAndUnreachableServicesWithProblems() {
		this.client.get()
			.uri("/no/such/path")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		this.client.get()
			.uri("/api/applications/" + UUID.randomUUID() + "/subscribers")
			.headers((h) -> h.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void neverServesManagementEndpointsOnThePublicPort() {
		for (String path : new String[] { "/actuator", "/actuator/health", "/actuator/health/liveness",
				"/actuator/prometheus", "/actuator/info", "/actuator/env" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		WebTestClient management = TestInfrastructure.client(this.managementPort);
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	private static HttpServer service(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				authorizationSeenBy.put(name, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
				requestsSeen.add(name + " " + exchange.getRequestURI().getPath());
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

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
