package dev.beacon.collector;

import dev.beacon.outbox.consumer.ConsumerRetryConfiguration;
import dev.beacon.problems.ErrorProblems;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * Picks probe targets up from the catalog, probes them, and publishes every observation.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ ConsumerRetryConfiguration.class, ErrorProblems.class })
public class CollectorApplication {

	/** The name of this service's configuration file ({@code collector.yml}). */
	public static final String CONFIG_NAME = "collector";

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		return new SpringApplicationBuilder(CollectorApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.build();
	}

}
