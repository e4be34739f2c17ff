package dev.beacon.notifier;

import dev.beacon.outbox.consumer.DeadLetterReplayConfiguration;
import dev.beacon.outbox.InboxConfiguration;
import dev.beacon.problems.InvalidRequestProblems;
import dev.beacon.security.BeaconSecurityConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Subscribers and the deliveries of notifications to them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ InboxConfiguration.class, DeadLetterReplayConfiguration.class, BeaconSecurityConfiguration.class,
		InvalidRequestProblems.class })
public class NotifierApplication {

	/** The name of this service's configuration file ({@code notifier.yml}). */
	public static final String CONFIG_NAME = "notifier";

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		return new SpringApplicationBuilder(NotifierApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.build();
	}

}
