package dev.beacon.problems;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a write API takes: exactly the fields and types it declares, named in every
 * refusal. Through a real server, the way the services' controllers read bodies.
 */
@SpringBootTest(classes = StrictJsonRequestsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictJsonRequestsTests {

	@Value("${local.server.port}")
	int port;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					2^31 into an int                 | {"name":"a","check":{"intervalSeconds":2147483648}}          | check.intervalSeconds | is out of range
					far beyond a long                | {"name":"a","check":{"intervalSeconds":99999999999999999999}} | check.intervalSeconds | is out of range
					1e100 into an int                | {"name":"a","check":{"intervalSeconds":1e100}}               | check.intervalSeconds | has the wrong type or format
					5.5 into an int                  | {"name":"a","check":{"intervalSeconds":5.5}}                 | check.intervalSeconds | has the wrong type or format
					a string into an int             | {"name":"a","check":{"intervalSeconds":"5"}}                 | check.intervalSeconds | has the wrong type or format
					a string into a boolean          | {"name":"a","public":"true"}                                 | public                | has the wrong type or format
					a number into a boolean          | {"name":"a","public":1}                                      | public                | has the wrong type or format
					a number into a text             | {"name":5}                                                   | name                  | has the wrong type or format
					a boolean into a text            | {"name":true}                                                | name                  | has the wrong type or format
					an unknown field                 | {"name":"a","check":{"intervalSecond":5}}                    | check.intervalSecond  | is not a known field
					an unknown top-level field       | {"name":"a","admin":true}                                    | admin                 | is not a known field
					a lone surrogate                 | {"name":"a\\ud800b"}                                          | name                  | must not contain a lone surrogate
					a lone surrogate in a list       | {"name":"a","tags":["ok","\\udc00"]}                          | tags[1]               | must not contain a lone surrogate
					""")
	void refusesWhatItDoesNotDeclareNamingTheField(String what, String body, String field, String message) {
		client().post()
			.uri("/things")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].message")
			.isEqualTo(message);
	}

	@Test
	void refusesBidiOverridesInPlainText() {
		client().post()
			.uri("/things")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Status\u202Egnp.exe\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void takesWhatItDeclares() {
		client().post()
			.uri("/things")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"Checkout \uD83D\uDED2\",\"public\":true,\"tags\":[\"eu\"],"
					+ "\"check\":{\"intervalSeconds\":2147483647}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Checkout \uD83D\uDED2")
			.jsonPath("$.check.intervalSeconds")
			.isEqualTo(2147483647);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	record Thing(@NotNull @PlainText String name, @com.fasterxml.jackson.annotation.JsonProperty("public") Boolean open,
			List<@NotNull String> tags, @Valid Check check) {
	}

	record Check(@Min(1) @Max(Integer.MAX_VALUE) Integer intervalSeconds) {
	}

	@RestController
	static class Things {

		@PostMapping("/things")
		Thing create(@Valid @RequestBody Thing thing) {
			return thing;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ InvalidRequestProblems.class, Things.class })
	static class App {

	}

}
