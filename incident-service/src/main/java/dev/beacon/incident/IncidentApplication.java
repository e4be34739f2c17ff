package dev.beacon.incident;

import java.time.Clock;

import dev.beacon.outbox.consumer.DeadLetterReplayConfiguration;
import dev.beacon.outbox.OutboxConfiguration;
import dev.beacon.problems.InvalidRequestProblems;
import dev.beacon.security.BeaconSecurityConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Incidents: detected from status changes, declared and updated through the API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ OutboxConfiguration.class, DeadLetterReplayConfiguration.class, BeaconSecurityConfiguration.class,
		InvalidRequestProblems.class })
public class IncidentApplication {

	/** The name of this service's configuration file ({@code incident.yml}). */
	public static final String CONFIG_NAME = "incident";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The clock every timer of this service reads (debounce, hold, maintenance schedule);
	 * tests replace it to move time on.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static SpringApplication application() {
		return new SpringApplicationBuilder(IncidentApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.build();
	}

}
