package dev.beacon.launcher;

import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.beacon.incident.IncidentApplication;
import dev.beacon.notifier.NotifierApplication;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Outside the local run, a service has no working database password to fall back on: a
 * missing {@code BEACON_DB_PASSWORD} stops it at start-up, naming the variable.
 */
class DatabaseCredentialsTests {

	static Stream<Arguments> servicesWithADatabase() {
		return Stream.of(Arguments.of("status-api", (Supplier<SpringApplication>) StatusApiApplication::application),
				Arguments.of("incident", (Supplier<SpringApplication>) IncidentApplication::application),
				Arguments.of("notifier", (Supplier<SpringApplication>) NotifierApplication::application));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servicesWithADatabase")
	void stopsAtStartUpNamingTheMissingPassword(String service, Supplier<SpringApplication> application) {
		assertThatException()
			.isThrownBy(() -> application.get()
				.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
						"--" + TestTokens.HMAC_SECRET_PROPERTY, "--" + TestTokens.AUDIENCE_PROPERTY,
						"--beacon.kafka.bootstrap-servers=127.0.0.1:9",
						"--spring.cloud.gateway.server.webflux.enabled=false")
				.close())
			.withMessageContaining("BEACON_DB_PASSWORD");
	}

}
