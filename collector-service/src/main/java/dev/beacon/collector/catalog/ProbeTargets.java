package dev.beacon.collector.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.beacon.events.ApplicationDefined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The checks this collector probes and the pods it watches, kept from the catalog: the
 * newest definition of an application wins. With several replicas, each keeps the
 * applications of the catalog partitions Kafka assigned to it, and forgets those of a
 * partition taken from it at once ({@link #revoke}).
 */
@Component
public class ProbeTargets {

	private static final Logger logger = LoggerFactory.getLogger(ProbeTargets.class);

	private final Map<UUID, List<ProbeTarget>> byApplication = new ConcurrentHashMap<>();

	private final Map<UUID, List<PodTarget>> podsByApplication = new ConcurrentHashMap<>();

	private final Map<UUID, Integer> partitionOf = new ConcurrentHashMap<>();

	private final List<Runnable> podListeners = new CopyOnWriteArrayList<>();

	private final AtomicLong version = new AtomicLong();

	/**
	 * Takes the newest definition of an application, read from catalog partition
	 * {@code partition}.
	 */
	public void define(ApplicationDefined application, int partition) {
		this.partitionOf.put(application.applicationId(), partition);
		define(application);
	}

	public void define(ApplicationDefined application) {
		List<ProbeTarget> targets = application.components()
			.stream()
			.filter((component) -> component.httpCheck() != null)
			.map((component) -> target(application.applicationId(), component))
			.toList();
		this.byApplication.put(application.applicationId(), targets);
		this.version.incrementAndGet();
		List<PodTarget> pods = application.components()
			.stream()
			.filter((component) -> component.kubernetes() != null)
			.map((component) -> podTarget(application.applicationId(), component))
			.toList();
		List<PodTarget> before = pods.isEmpty() ? this.podsByApplication.remove(application.applicationId())
				: this.podsByApplication.put(application.applicationId(), pods);
		logger.info("Probing {} check(s) and watching the pods of {} component(s) of application {} ({})",
				targets.size(), pods.size(), application.slug(), application.applicationId());
		if (!pods.equals((before != null) ? before : List.of())) {
			this.podListeners.forEach(Runnable::run);
		}
	}

	/** Stops probing the checks of a deleted application. */
	public void forget(UUID applicationId) {
		this.partitionOf.remove(applicationId);
		boolean hadPods = this.podsByApplication.remove(applicationId) != null;
		if (this.byApplication.remove(applicationId) != null) {
			this.version.incrementAndGet();
			logger.info("Stopped probing application {}: it was deleted", applicationId);
		}
		if (hadPods) {
			this.podListeners.forEach(Runnable::run);
		}
	}

	/**
	 * Drops at once the applications of catalog partitions this replica no longer owns:
	 * another replica probes them now.
	 */
	public void revoke(Set<Integer> partitions) {
		List<UUID> revoked = this.partitionOf.entrySet()
			.stream()
			.filter((entry) -> partitions.contains(entry.getValue()))
			.map(Map.Entry::getKey)
			.toList();
		boolean hadPods = false;
		for (UUID applicationId : revoked) {
			this.partitionOf.remove(applicationId);
			this.byApplication.remove(applicationId);
			this.version.incrementAndGet();
			hadPods |= this.podsByApplication.remove(applicationId) != null;
		}
		if (!revoked.isEmpty()) {
			logger.info("Handed {} application(s) of catalog partitions {} over to another replica", revoked.size(),
					partitions);
		}
		if (hadPods) {
			this.podListeners.forEach(Runnable::run);
		}
	}

	/** Raised by every change of the checks to probe. */
	public long version() {
		return this.version.get();
	}

	public Collection<ProbeTarget> all() {
		return this.byApplication.values().stream().flatMap(List::stream).toList();
	}

	/** The pods to watch, of every application this replica owns. */
	public Collection<PodTarget> pods() {
		return this.podsByApplication.values().stream().flatMap(List::stream).toList();
	}

	/** Runs {@code listener} whenever the pods to watch change. */
	public void onPodTargetsChanged(Runnable listener) {
		this.podListeners.add(listener);
	}

	private static PodTarget podTarget(UUID applicationId, ApplicationDefined.Component component) {
		ApplicationDefined.Kubernetes pods = component.kubernetes();
		return new PodTarget(applicationId, component.componentId(), pods.namespace(), pods.labelSelector(),
				Duration.ofSeconds(Math.max(1, pods.intervalSeconds())));
	}

	private static ProbeTarget target(UUID applicationId, ApplicationDefined.Component component) {
		ApplicationDefined.HttpCheck check = component.httpCheck();
		return new ProbeTarget(applicationId, component.componentId(), URI.create(check.url()), check.expectedStatus(),
				Duration.ofSeconds(check.intervalSeconds()), Duration.ofMillis(check.timeoutMillis()), check.method(),
				check.headers(), check.expectedStatuses(), check.bodyContains());
	}

}
