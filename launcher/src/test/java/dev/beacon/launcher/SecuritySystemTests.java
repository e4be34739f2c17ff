package dev.beacon.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an attacker tries against all five services running together: every API route with
 * every kind of bad token, through the gateway and straight at the owning service;
 * management endpoints on the public ports; a probe target the SSRF guard refuses, as the
 * public page then shows it.
 */
class SecuritySystemTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final UUID app = UUID.randomUUID();

	static HttpServer loopback;

	static BeaconServices services;

	static WebTestClient gateway;

	@BeforeAll
	static void startBeacon() throws IOException {
		// the target is probed every second (production refuses intervals under 5 s)
		System.setProperty("beacon.registry.min-check-interval-seconds", "1");
		loopback = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		loopback.createContext("/health", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		loopback.start();
		TestDatabase statusApi = TestInfrastructure.database("status_api");
		Map<String, String> names = Map.of("status_api", statusApi.name(), "incident",
				TestInfrastructure.database("incident").name(), "notifier",
				TestInfrastructure.database("notifier").name());
		services = BeaconServices.start(new BeaconSettings(TestInfrastructure.kafkaBootstrapServers(),
				new BeaconSettings.DatabaseServer(statusApi.host(), statusApi.port(), statusApi.username(),
						statusApi.password(), names),
				TestInfrastructure.topicPrefix(SecuritySystemTests.class), TestTokens.HMAC_SECRET, TestTokens.AUDIENCE,
				TestTokens.ISSUER, "127.0.0.0/8", Map.of(), Map.of()));
		gateway = TestInfrastructure.client(services.gatewayPort());
		String healthy = "http://127.0.0.1:" + loopback.getAddress().getPort() + "/health";
		register(app, "matrix", healthy);
	}

	@AfterAll
	static void stopBeacon() {
		System.clearProperty("beacon.registry.min-check-interval-seconds");
		if (services != null) {
			services.close();
		}
		loopback.stop(0);
	}

	/** The admin route each consuming service serves on its own port, never routed. */
	static final String DEAD_LETTERS = "/api/admin/dead-letters/{topic}/replay";

	/** Every {@code /api/**} route of every service, with a body it would take. */
	static final List<Route> ROUTES = List.of(
			new Route("status-api", HttpMethod.POST, "/api/applications", "/api/applications",
					"{\"id\":\"" + app + "\",\"slug\":\"matrix-again\",\"name\":\"M\",\"public\":false,"
							+ "\"components\":[{\"name\":\"C\"}]}"),
			new Route("status-api", HttpMethod.GET, "/api/applications/{id}", "/api/applications/" + app, null),
			new Route("status-api", HttpMethod.GET, "/api/applications/{id}/status",
					"/api/applications/" + app + "/status", null),
			new Route("status-api", HttpMethod.GET, "/api/applications/{id}/status/history",
					"/api/applications/" + app + "/status/history?window=24h", null),
			new Route("incident", HttpMethod.GET, "/api/applications/{appId}/incidents",
					"/api/applications/" + app + "/incidents", null),
			new Route("incident", HttpMethod.POST, "/api/applications/{appId}/incidents",
					"/api/applications/" + app + "/incidents", "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\"}"),
			new Route("incident", HttpMethod.GET, "/api/applications/{appId}/incidents/{incidentId}",
					"/api/applications/" + app + "/incidents/" + UUID.randomUUID(), null),
			new Route("incident", HttpMethod.PUT, "/api/applications/{appId}/incidents/{incidentId}",
					"/api/applications/" + app + "/incidents/" + UUID.randomUUID(),
					"{\"status\":\"monitoring\",\"body\":\"b\"}"),
			new Route("incident", HttpMethod.GET, "/api/applications/{appId}/incidents/{incidentId}/updates",
					"/api/applications/" + app + "/incidents/" + UUID.randomUUID() + "/updates", null),
			new Route("incident", HttpMethod.POST, "/api/applications/{appId}/incidents/{incidentId}/updates",
					"/api/applications/" + app + "/incidents/" + UUID.randomUUID() + "/updates",
					"{\"status\":\"monitoring\",\"body\":\"b\"}"),
			new Route("incident", HttpMethod.POST, "/api/applications/{appId}/incidents/{incidentId}/reopen",
					"/api/applications/" + app + "/incidents/" + UUID.randomUUID() + "/reopen", "{\"body\":\"b\"}"),
			new Route("incident", HttpMethod.GET, "/api/applications/{appId}/maintenances",
					"/api/applications/" + app + "/maintenances", null),
			new Route("incident", HttpMethod.POST, "/api/applications/{appId}/maintenances",
					"/api/applications/" + app + "/maintenances",
					"{\"title\":\"t\",\"body\":\"b\",\"componentIds\":[\"" + UUID.randomUUID()
							+ "\"],\"scheduledFor\":\"2030-01-01T00:00:00Z\",\"scheduledUntil\":\"2030-01-01T01:00:00Z\"}"),
			new Route("incident", HttpMethod.GET, "/api/applications/{appId}/maintenances/{maintenanceId}",
					"/api/applications/" + app + "/maintenances/" + UUID.randomUUID(), null),
			new Route("incident", HttpMethod.PUT, "/api/applications/{appId}/maintenances/{maintenanceId}",
					"/api/applications/" + app + "/maintenances/" + UUID.randomUUID(), "{\"status\":\"completed\"}"),
			new Route("status-api", HttpMethod.PUT, "/api/applications/{id}", "/api/applications/" + app,
					"{\"slug\":\"matrix\",\"name\":\"M\",\"public\":true,\"components\":[{\"name\":\"C\"}]}"),
			new Route("status-api", HttpMethod.PATCH, "/api/applications/{id}", "/api/applications/" + app,
					"{\"name\":\"Renamed\"}"),
			new Route("status-api", HttpMethod.DELETE, "/api/applications/{id}", "/api/applications/" + app, null),
			new Route("status-api", HttpMethod.PUT, "/api/applications/{id}/status-page",
					"/api/applications/" + app + "/status-page", "{\"statusPage\":{\"enabled\":true,\"public\":true}}"),
			new Route("notifier", HttpMethod.POST, "/api/applications/{appId}/subscribers",
					"/api/applications/" + app + "/subscribers",
					"{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}"),
			new Route("notifier", HttpMethod.GET, "/api/applications/{appId}/subscribers",
					"/api/applications/" + app + "/subscribers", null),
			new Route("notifier", HttpMethod.DELETE, "/api/applications/{appId}/subscribers/{id}",
					"/api/applications/" + app + "/subscribers/" + UUID.randomUUID(), null),
			new Route("notifier", HttpMethod.POST, "/api/applications/{appId}/subscribers/{id}/secret",
					"/api/applications/" + app + "/subscribers/" + UUID.randomUUID() + "/secret", null),
			new Route("notifier", HttpMethod.GET, "/api/applications/{appId}/deliveries",
					"/api/applications/" + app + "/deliveries", null),
			new Route("status-api", HttpMethod.POST, DEAD_LETTERS,
					"/api/admin/dead-letters/beacon.observations.v1/replay", null),
			new Route("incident", HttpMethod.POST, DEAD_LETTERS,
					"/api/admin/dead-letters/beacon.status-changes.v1/replay", null),
			new Route("notifier", HttpMethod.POST, DEAD_LETTERS, "/api/admin/dead-letters/beacon.incidents.v1/replay",
					null));

	@Test
	void theMatrixCoversEveryApiRouteOfEveryService() {
		Set<String> served = new TreeSet<>();
		services.contexts()
			.forEach((service, context) -> context.getBeansOfType(RequestMappingHandlerMapping.class)
				.values()
				.forEach((mapping) -> mapping.getHandlerMethods()
					.keySet()
					.forEach((info) -> info.getPatternsCondition()
						.getPatterns()
						.stream()
						.filter((pattern) -> pattern.getPatternString().startsWith("/api"))
						.forEach((pattern) -> info.getMethodsCondition()
							.getMethods()
							.forEach((method) -> served
								.add(service + " " + method + " " + pattern.getPatternString()))))));
		Set<String> covered = new TreeSet<>();
		ROUTES.forEach((route) -> covered.add(route.service() + " " + route.method() + " " + route.pattern()));
		assertThat(covered).isEqualTo(served);
	}

	@Test
	void refusesEveryApiRouteEveryBadTokenThroughTheGatewayAndAtTheService() {
		Instant now = Instant.now();
		Map<String, String> badTokens = new java.util.LinkedHashMap<>();
		badTokens.put("no token", null);
		badTokens.put("not a JWT", "not-a-jwt");
		badTokens.put("expired",
				hmac(claims().issueTime(Date.from(now.minusSeconds(7200)))
					.expirationTime(Date.from(now.minusSeconds(3600)))
					.build(), TestTokens.HMAC_SECRET));
		badTokens.put("no exp", hmac(claims().expirationTime(null).build(), TestTokens.HMAC_SECRET));
		badTokens.put("not yet valid",
				hmac(claims().notBeforeTime(Date.from(now.plusSeconds(3600))).build(), TestTokens.HMAC_SECRET));
		badTokens.put("wrong audience", hmac(claims().audience("another-resource").build(), TestTokens.HMAC_SECRET));
		badTokens.put("no audience", hmac(claims().audience((String) null).build(), TestTokens.HMAC_SECRET));
		badTokens.put("wrong issuer", hmac(claims().issuer("https://elsewhere.test").build(), TestTokens.HMAC_SECRET));
		badTokens.put("wrong key", hmac(claims().build(), "another-key-of-at-least-thirty-two-bytes-0123"));
		badTokens.put("alg none", new PlainJWT(claims().build()).serialize());
		List<String> failures = new ArrayList<>();
		for (Route route : ROUTES) {
			for (WebTestClient client : List.of(gateway, TestInfrastructure.client(services.port(route.service())))) {
				badTokens.forEach((kind, token) -> {
					int status = call(client, route, token);
					if (status != 401) {
						failures.add(route + " with " + kind + " answered " + status);
					}
				});
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * Ten rounds of every route without a token, through the gateway and at the service,
	 * each answer due within seconds.
	 */
	@Test
	void answersEveryRequestWithoutATokenPromptly() {
		List<String> unanswered = new ArrayList<>();
		for (int round = 0; round < 10; round++) {
			for (Route route : ROUTES) {
				for (WebTestClient client : List.of(gateway,
						TestInfrastructure.client(services.port(route.service())))) {
					try {
						call(client.mutate().responseTimeout(Duration.ofSeconds(5)).build(), route, null);
					}
					catch (IllegalStateException ex) {
						unanswered.add(route + ": " + ex.getMessage());
					}
				}
			}
		}
		assertThat(unanswered).isEmpty();
	}

	/**
	 * On one keep-alive connection, an answer from the database, then a refusal made at
	 * once (no token), then the next request: with Reactor Netty 1.3.6 the connection
	 * stopped reading after such a pair, and a few percent of those next requests were
	 * never answered. Through the gateway and at each service, each answer due within
	 * seconds.
	 */
	@Test
	void answersEveryRequestOnAKeepAliveConnection() throws Exception {
		String own = TestTokens.forApplications(app);
		Map<String, Integer> ports = Map.of("gateway", services.gatewayPort(), "status-api",
				services.port("status-api"), "incident", services.port("incident"), "notifier",
				services.port("notifier"));
		Map<String, String> paths = Map.of("status-api", "/status", "incident", "/incidents", "notifier",
				"/subscribers");
		List<String> unanswered = new ArrayList<>();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (int round = 0; round < 40; round++) {
			for (Map.Entry<String, String> service : paths.entrySet()) {
				for (String via : List.of("gateway", service.getKey())) {
					URI uri = URI
						.create("http://127.0.0.1:" + ports.get(via) + "/api/applications/" + app + service.getValue());
					for (String token : new String[] { own, null, own }) {
						HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
						if (token != null) {
							request.header("Authorization", "Bearer " + token);
						}
						try {
							int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
								.statusCode();
							assertThat(status).as(uri.toString()).isEqualTo((token != null) ? 200 : 401);
						}
						catch (HttpTimeoutException ex) {
							unanswered.add("round " + round + ": " + uri);
						}
					}
				}
			}
		}
		assertThat(unanswered).isEmpty();
	}

	@Test
	void hidesAnApplicationFromATokenForAnotherOne() {
		String otherApplication = TestTokens.forApplications(UUID.randomUUID());
		List<String> failures = new ArrayList<>();
		for (Route route : ROUTES) {
			// registering under an id the token does not list is forbidden; everything
			// else answers as if the application did not exist
			int expected = (route.method() == HttpMethod.POST && route.pattern().equals("/api/applications")) ? 403
					: 404;
			for (WebTestClient client : List.of(gateway, TestInfrastructure.client(services.port(route.service())))) {
				if (route.pattern().equals(DEAD_LETTERS)) {
					// an admin route: the gateway does not route it, the service refuses
					// a
					// token without beacon:admin
					expected = (client == gateway) ? 404 : 403;
				}
				int status = call(client, route, otherApplication);
				if (status != expected) {
					failures.add(route + " answered " + status + ", not " + expected);
				}
			}
		}
		assertThat(failures).isEmpty();
		// the same reads with the application's own token do answer: the refusals above
		// are the tokens', not the requests'
		String own = TestTokens.forApplications(app);
		ROUTES.stream()
			.filter((route) -> route.method() == HttpMethod.GET && !route.pattern().contains("{incidentId}")
					&& !route.pattern().contains("{maintenanceId}"))
			.forEach((route) -> assertThat(call(gateway, route, own)).as(route.toString()).isEqualTo(200));
	}

	@Test
	void servesManagementEndpointsOnlyOnTheManagementPorts() {
		for (String service : services.contexts().keySet()) {
			WebTestClient publicPort = TestInfrastructure.client(services.port(service));
			for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/info")) {
				publicPort.get().uri(path).exchange().expectStatus().isNotFound();
			}
			TestInfrastructure.client(services.managementPort(service))
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void showsARefusedProbeTargetOnThePublicPageInFixedWordsOnly() {
		UUID refused = UUID.randomUUID();
		// only 127.0.0.0/8 is open: the IPv6 loopback literal is refused, never connected
		register(refused, "refused-target", "http://[::1]:" + loopback.getAddress().getPort() + "/health");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String page = publicPage("refused-target");
			JsonNode document = json.readTree(page);
			assertThat(document.at("/components/0/status").asString()).isEqualTo("outage");
			assertThat(document.at("/components/0/reason").asString()).isEqualTo("Target not allowed");
			assertThat(document.at("/incidents/0/latestUpdate").asString()).contains("Target not allowed");
			assertThat(page).doesNotContain("::1", "0:0:0:0:0:0:0:1", "may not be called", "special-purpose",
					"loopback");
		});
	}

	private static void register(UUID id, String slug, String url) {
		gateway.post()
			.uri("/api/applications")
			.headers((h) -> h.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"%s","name":"%s","public":true,
					 "components":[{"name":"API","httpCheck":{"url":"%s","intervalSeconds":1,"failureThreshold":1}}]}"""
				.formatted(id, slug, slug, url))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private static String publicPage(String slug) {
		return new String(gateway.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
	}

	private static int call(WebTestClient client, Route route, String token) {
		WebTestClient.RequestBodySpec request = client.method(route.method()).uri(route.uri());
		if (token != null) {
			request.headers((h) -> h.setBearerAuth(token));
		}
		if (route.body() != null) {
			MediaType type = (route.method() == HttpMethod.PATCH)
					? MediaType.parseMediaType("application/merge-patch+json") : MediaType.APPLICATION_JSON;
			request.contentType(type).bodyValue(route.body());
		}
		return request.exchange().returnResult(byte[].class).getStatus().value();
	}

	/** The claims of a token that would be accepted for {@link #app}. */
	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject("attacker")
			.issuer(TestTokens.ISSUER)
			.audience(TestTokens.AUDIENCE)
			.claim("applications", List.of(app.toString()))
			.claim("scope", "beacon:admin")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)));
	}

	private static String hmac(JWTClaimsSet claims, String secret) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Route(String service, HttpMethod method, String pattern, String uri, String body) {

		@Override
		public String toString() {
			return this.method + " " + this.uri + " (" + this.service + ")";
		}

	}

}
