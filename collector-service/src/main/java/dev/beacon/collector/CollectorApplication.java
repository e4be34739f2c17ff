package dev.beacon.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Picks probe targets up from the catalog, probes them, and publishes every observation.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
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
