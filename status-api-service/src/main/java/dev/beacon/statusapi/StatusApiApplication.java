package dev.beacon.statusapi;

import dev.beacon.outbox.consumer.DeadLetterReplayConfiguration;
import dev.beacon.outbox.OutboxConfiguration;
import dev.beacon.problems.InvalidRequestProblems;
import dev.beacon.security.BeaconSecurityConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The registry, component status, status checks and the public page model. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ OutboxConfiguration.class, DeadLetterReplayConfiguration.class, BeaconSecurityConfiguration.class,
		InvalidRequestProblems.class })
public class StatusApiApplication {

	/** The name of this service's configuration file ({@code status-api.yml}). */
	public static final String CONFIG_NAME = "status-api";

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		return new SpringApplicationBuilder(StatusApiApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.build();
	}

}
