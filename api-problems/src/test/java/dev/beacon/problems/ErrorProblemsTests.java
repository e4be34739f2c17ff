package dev.beacon.problems;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors outside the controllers answer problem+json, not Spring's default error JSON.
 */
@SpringBootTest(classes = ErrorProblemsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorProblemsTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void answersAnUnknownPathAndAWrongMethodWithProblems() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		client.get()
			.uri("/no/such/path")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.timestamp")
			.doesNotExist();
		client.delete()
			.uri("/thing")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("This path does not take the method DELETE");
		client.get()
			.uri("/failing")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body).doesNotContain("secret detail"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ErrorProblems.class, Things.class })
	static class App {

	}

	@RestController
	static class Things {

		@GetMapping("/thing")
		String thing() {
			return "thing";
		}

		@GetMapping("/failing")
		String failing() {
			throw new IllegalStateException("secret detail");
		}

	}

}
