package dev.beacon.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.beacon.collector.CollectorApplication;
import dev.beacon.gateway.GatewayApplication;
import dev.beacon.incident.IncidentApplication;
import dev.beacon.notifier.NotifierApplication;
import dev.beacon.statusapi.StatusApiApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The five services, each in an application context of its own, side by side in this JVM.
 * They talk to each other only as they would across machines: through Kafka and over
 * HTTP.
 */
public final class BeaconServices implements AutoCloseable {

	/**
	 * Every service sees every other's libraries on this shared classpath; these keep
	 * each one to what it would have alone.
	 */
	private static final String WITHOUT_DATABASE = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
			+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
			+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

	private static final String WITHOUT_GATEWAY = "spring.cloud.gateway.server.webflux.enabled=false";

	private static final Logger logger = LoggerFactory.getLogger(BeaconServices.class);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final Map<String, ConfigurableApplicationContext> byService = new LinkedHashMap<>();

	private BeaconServices() {
	}

	/** Starts the services, the gateway last, and returns once all of them serve. */
	public static BeaconServices start(BeaconSettings settings) {
		BeaconServices services = new BeaconServices();
		try {
			int statusApi = services.run(StatusApiApplication.application(), settings, "status-api",
					settings.database("status_api"), WITHOUT_GATEWAY,
					"beacon.metrics.prometheus-url=" + prometheusUrl(),
					// the demo page is also served on its own host, status.demo.localhost
					"beacon.pages.apps-domain=localhost");
			int incident = services.run(IncidentApplication.application(), settings, "incident",
					settings.database("incident"), WITHOUT_GATEWAY);
			int notifier = services.run(NotifierApplication.application(), settings, "notifier",
					settings.database("notifier"), WITHOUT_GATEWAY,
					"beacon.notifier.allowed-networks=" + settings.allowedNetworks());
			services.run(CollectorApplication.application(), settings, "collector", Map.of(), WITHOUT_DATABASE,
					WITHOUT_GATEWAY, "beacon.collector.allowed-networks=" + settings.allowedNetworks());
			services.run(GatewayApplication.application(), settings, "gateway", Map.of(), WITHOUT_DATABASE,
					"beacon.gateway.status-api-uri=http://127.0.0.1:" + statusApi,
					"beacon.gateway.incident-uri=http://127.0.0.1:" + incident,
					"beacon.gateway.notifier-uri=http://127.0.0.1:" + notifier,
					"beacon.gateway.pages.public-url=http://localhost:"
							+ ((settings.port("gateway") != 0) ? settings.port("gateway") : 8080));
			return services;
		}
		catch (RuntimeException ex) {
			services.close();
			throw ex;
		}
	}

	/**
	 * The Prometheus server the pages' custom metrics are evaluated on: the user's, named
	 * by {@code BEACON_PROMETHEUS_URL}, or none (pages then cannot have metrics).
	 */
	static String prometheusUrl() {
		String url = System.getenv("BEACON_PROMETHEUS_URL");
		return (url != null) ? url.strip() : "";
	}

	private int run(SpringApplication application, BeaconSettings settings, String service,
			Map<String, String> database, String... extra) {
		Map<String, String> properties = new LinkedHashMap<>(settings.common());
		properties.put("server.port", String.valueOf(settings.port(service)));
		// five contexts in one JVM: each needs a management port of its own
		properties.put("management.server.port", String.valueOf(settings.managementPort(service)));
		properties.putAll(database);
		List<String> args = new ArrayList<>();
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		for (String property : extra) {
			args.add("--" + property);
		}
		ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
		this.contexts.add(context);
		this.byService.put(service, context);
		logger.info("{} is up on port {} (management port {})", service, port(context), managementPort(context));
		return port(context);
	}

	/** The port the gateway serves on. */
	public int gatewayPort() {
		return port(this.contexts.get(this.contexts.size() - 1));
	}

	/**
	 * The port a service serves on: {@code gateway}, {@code status-api},
	 * {@code incident}, {@code notifier} or {@code collector}.
	 */
	public int port(String service) {
		return port(context(service));
	}

	/** The management (actuator) port of a service. */
	public int managementPort(String service) {
		return managementPort(context(service));
	}

	/** The services by name, in the order they started. */
	public Map<String, ConfigurableApplicationContext> contexts() {
		return Collections.unmodifiableMap(this.byService);
	}

	private ConfigurableApplicationContext context(String service) {
		ConfigurableApplicationContext context = this.byService.get(service);
		if (context == null) {
			throw new IllegalArgumentException("No service " + service + "; one of " + this.byService.keySet());
		}
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static int managementPort(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	/** Stops the services, the gateway first. */
	@Override
	public void close() {
		List<ConfigurableApplicationContext> reversed = new ArrayList<>(this.contexts);
		Collections.reverse(reversed);
		for (ConfigurableApplicationContext context : reversed) {
			long start = System.nanoTime();
			context.close();
			// on the console, not the log: closing a context shuts the shared logging
			// system down
			System.out.printf("  %s stopped in %d ms%n",
					context.getEnvironment().getProperty("spring.application.name"),
					(System.nanoTime() - start) / 1_000_000);
		}
		this.contexts.clear();
		this.byService.clear();
	}

}
