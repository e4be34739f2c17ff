package dev.beacon.gateway;

import dev.beacon.security.BeaconSecurityConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The single ingress: routes the authenticated API and the public pages to the services
 * that own them, and applies what crosses them all (authentication, CORS, error format).
 */
@SpringBootApplication
@Import(BeaconSecurityConfiguration.class)
public class GatewayApplication {

	/** The name of this service's configuration file ({@code gateway.yml}). */
	public static final String CONFIG_NAME = "gateway";

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplication application() {
		return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME)
			.build();
	}

}
