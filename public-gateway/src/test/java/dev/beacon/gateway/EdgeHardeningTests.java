package dev.beacon.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits, CORS, security headers and the answers to malformed requests. */
class EdgeHardeningTests extends EdgeTestSupport {

	@Test
	void limitsEachClientAddressWithATokenBucket() {
		WebTestClient limited = from(31);
		EntityExchangeResult<byte[]> answer = null;
		int sent = 0;
		// the test context's bucket: 20 at once, one more per second (a loaded machine
		// may
		// refill one between two requests: the refusal itself is what is checked)
		while ((answer == null || answer.getStatus().value() != 429) && sent < 60) {
			answer = limited.get().uri("/public/status/limited").exchange().expectBody().returnResult();
			sent++;
		}
		assertThat(answer.getStatus().value()).isEqualTo(429);
		assertThat(sent).isGreaterThan(20);
		assertThat(Integer.parseInt(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 2);
		assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(new String(answer.getResponseBody(), StandardCharsets.UTF_8)).contains("\"status\":429");
		// another address is not affected
		from(32).get().uri("/public/status/limited").exchange().expectStatus().isNotFound();
	}

	@Test
	void refusesBodiesLargerThanTheRouteTakes() {
		byte[] large = new byte[17 * 1024];
		from(33).post()
			.uri("/public/status/some/subscribers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(large)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersPreflightsThatAskForHeaders() {
		from(34).options()
			.uri("/public/status/any")
			.header(HttpHeaders.ORIGIN, "https://widget.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type, if-none-match")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers.toLowerCase()).contains("content-type"));
	}

	@Test
	void setsSecurityHeadersAndLetsOnlyTheEmbedViewBeFramed() {
		WebTestClient client = from(35);
		UUID app = UUID.randomUUID();
		String slug = "head-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Headed page", "operational"));
		awaitServed(client, "/public/status/" + slug, null, "Headed page");
		client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("script-src 'self';")
						.doesNotContain("script-src 'self' 'unsafe-inline'")
						.contains("frame-ancestors 'none'"))
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
		client.get()
			.uri("/status/" + slug + "/embed")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy", (csp) -> assertThat(csp).contains("frame-ancestors *"))
			.expectHeader()
			.doesNotExist("X-Frame-Options");
	}

	@Test
	void answersEveryMalformedRequestWithAProblem() throws IOException {
		String longPath = "/public/status/" + "a".repeat(9000);
		String bigHeader = "X-Big: " + "b".repeat(20000) + "\r\n";
		List<Object[]> requests = List.of(new Object[] { "GET /a%00b HTTP/1.1\r\n", 400 },
				new Object[] { "GET /public/status/a%2Fb HTTP/1.1\r\n", 400 },
				new Object[] { "GET /public/status/a%25b HTTP/1.1\r\n", 400 },
				new Object[] { "GET /public/status/a;b HTTP/1.1\r\n", 400 },
				new Object[] { "GET /public/status/a\\b HTTP/1.1\r\n", 400 },
				new Object[] { "GET /public/../status/x HTTP/1.1\r\n", 400 },
				new Object[] { "TRACE /public/status/x HTTP/1.1\r\n", 405 },
				new Object[] { "GET " + longPath + " HTTP/1.1\r\n", 414 },
				new Object[] { "GET /public/status/x HTTP/1.1\r\n" + bigHeader, 431 });
		for (Object[] request : requests) {
			String answer = raw((String) request[0]);
			String line = answer.lines().findFirst().orElse("");
			assertThat(line).as(request[0].toString().substring(0, Math.min(60, request[0].toString().length())))
				.startsWith("HTTP/1.1 " + request[1]);
			assertThat(answer.toLowerCase()).as(line).contains("content-type: application/problem+json");
			assertThat(answer).as(line).contains("{\"type\":\"about:blank\"").contains("\"status\":" + request[1]);
		}
	}

	private String raw(String requestLineAndHeaders) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLineAndHeaders + "Host: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			try {
				while ((read = in.read(buffer)) != -1) {
					answer.write(buffer, 0, read);
				}
			}
			catch (java.net.SocketException ex) {
				// the server may reset after answering a request it will not read whole
			}
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
