package dev.beacon.collector.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.events.ApplicationDefined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The checks this collector probes, kept from the catalog: the newest definition of an
 * application wins.
 */
@Component
public class ProbeTargets {

	private static final Logger logger = LoggerFactory.getLogger(ProbeTargets.class);

	private final Map<UUID, List<ProbeTarget>> byApplication = new ConcurrentHashMap<>();

	public void define(ApplicationDefined application) {
		List<ProbeTarget> targets = application.components()
			.stream()
			.filter((component) -> component.httpCheck() != null)
			.map((component) -> target(application.applicationId(), component))
			.toList();
		this.byApplication.put(application.applicationId(), targets);
		logger.info("Probing {} check(s) of application {} ({})", targets.size(), application.slug(),
				application.applicationId());
	}

	/** Stops probing the checks of a deleted application. */
	public void forget(UUID applicationId) {
		if (this.byApplication.remove(applicationId) != null) {
			logger.info("Stopped probing application {}: it was deleted", applicationId);
		}
	}

	public Collection<ProbeTarget> all() {
		return this.byApplication.values().stream().flatMap(List::stream).toList();
	}

	private static ProbeTarget target(UUID applicationId, ApplicationDefined.Component component) {
		ApplicationDefined.HttpCheck check = component.httpCheck();
		return new ProbeTarget(applicationId, component.componentId(), URI.create(check.url()), check.expectedStatus(),
				Duration.ofSeconds(check.intervalSeconds()), Duration.ofMillis(check.timeoutMillis()));
	}

}
