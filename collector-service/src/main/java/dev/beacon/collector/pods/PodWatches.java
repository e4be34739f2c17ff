package dev.beacon.collector.pods;

import dev.beacon.events.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.PodTarget;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.collector.probe.Observations;
import dev.beacon.events.ObservationRecorded;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the pods of every component that has them and publishes their summary: at once
 * when a change alters it, and every interval of the component otherwise (a heartbeat, so
 * that status-api knows the data is fresh). One {@link NamespaceWatch} per namespace in
 * use, shared by every selector in it; a namespace no component uses any more is no
 * longer watched. Nothing is polled: the informers' watches carry every change.
 */
public class PodWatches implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PodWatches.class);

	private final Optional<ApiClient> client;

	private final ProbeTargets targets;

	private final Observations observations;

	private final CollectorProperties.Kubernetes properties;

	private final PodInspector inspector;

	private final Clock clock;

	private final Counter watchRestarts;

	private final Map<String, NamespaceWatch> watches = new HashMap<>();

	private final Map<String, LabelSelector> selectors = new HashMap<>();

	private final Map<UUID, Published> published = new HashMap<>();

	private volatile ScheduledExecutorService heartbeat;

	PodWatches(Optional<ApiClient> client, ProbeTargets targets, Observations observations,
			CollectorProperties.Kubernetes properties, MeterRegistry meters, Clock clock) {
		this.client = client;
		this.targets = targets;
		this.observations = observations;
		this.properties = properties;
		this.clock = clock;
		this.inspector = new PodInspector(properties.restartWindow(), properties.pendingTimeout(), clock);
		this.watchRestarts = Counter.builder("beacon.pod.watch.restarts")
			.description("Pod lists or watches that failed and were started again")
			.register(meters);
		Gauge.builder("beacon.pod.watches", this, (self) -> self.watchCount())
			.description("Namespaces whose pods are watched")
			.register(meters);
	}

	@Override
	public void start() {
		if (this.client.isEmpty()) {
			return;
		}
		this.targets.onPodTargetsChanged(this::reconcile);
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pod-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::heartbeat, 1, 1, TimeUnit.SECONDS);
		this.heartbeat = scheduler;
		reconcile();
	}

	/** Starts watching namespaces that came into use, stops those out of use. */
	synchronized void reconcile() {
		if (this.heartbeat == null) {
			return;
		}
		Collection<PodTarget> pods = this.targets.pods();
		Set<String> namespaces = pods.stream().map(PodTarget::namespace).collect(Collectors.toSet());
		this.watches.keySet().removeIf((namespace) -> {
			if (namespaces.contains(namespace)) {
				return false;
			}
			this.watches.get(namespace).stop();
			logger.info("Stopped watching the pods of namespace {}: no component uses it", namespace);
			return true;
		});
		for (String namespace : namespaces) {
			if (!this.watches.containsKey(namespace)) {
				NamespaceWatch watch = new NamespaceWatch(this.client.get(), namespace, this.properties.resync(),
						this::changed, this.watchRestarts::increment);
				this.watches.put(namespace, watch);
				watch.start();
				logger.info("Watching the pods of namespace {}", namespace);
			}
		}
		Set<UUID> components = pods.stream().map(PodTarget::componentId).collect(Collectors.toSet());
		this.published.keySet().retainAll(components);
		pods.forEach((target) -> publish(target, false));
	}

	/** A pod of {@code namespace} was added, changed or deleted. */
	private synchronized void changed(String namespace) {
		this.targets.pods()
			.stream()
			.filter((target) -> target.namespace().equals(namespace))
			.forEach((target) -> publish(target, false));
		NamespaceWatch watch = this.watches.get(namespace);
		if (watch != null) {
			this.inspector.retain(this.watches.values()
				.stream()
				.flatMap((each) -> each.pods().stream())
				.map((pod) -> pod.getMetadata().getUid())
				.collect(Collectors.toSet()));
		}
	}

	private synchronized void heartbeat() {
		try {
			Instant now = this.clock.instant();
			this.targets.pods().forEach((target) -> {
				Published last = this.published.get(target.componentId());
				if (last == null || !last.at().plus(target.interval()).isAfter(now)) {
					publish(target, true);
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("Pod heartbeat failed: {}", ex.toString());
		}
	}

	/**
	 * Publishes the target's summary when it changed since the last one published, or
	 * when {@code always}; not before its namespace's first list arrived.
	 */
	private void publish(PodTarget target, boolean always) {
		NamespaceWatch watch = this.watches.get(target.namespace());
		if (watch == null || !watch.synced()) {
			return;
		}
		LabelSelector selector = selector(target.labelSelector());
		if (selector == null) {
			return;
		}
		List<V1Pod> pods = watch.pods()
			.stream()
			.filter((pod) -> pod.getMetadata() != null && selector.test(pod.getMetadata().getLabels()))
			.toList();
		PodSummary summary = this.inspector.summarize(pods);
		Published last = this.published.get(target.componentId());
		if (!always && last != null && last.summary().equals(summary)) {
			return;
		}
		Instant now = this.clock.instant();
		this.published.put(target.componentId(), new Published(summary, now));
		ObservationRecorded observation = ObservationRecorded.pods(target.applicationId(), target.componentId(), now,
				summary.ready(), summary.total(), summary.restarts(), summary.details(this.inspector.restartWindow()));
		this.observations.publish(observation)
			.subscribe(null, (failure) -> logger.warn("Could not publish the pods of {}: {}", target.componentId(),
					failure.toString()));
	}

	private LabelSelector selector(String text) {
		LabelSelector selector = this.selectors.get(text);
		if (selector == null) {
			try {
				selector = LabelSelector.parse(text);
				this.selectors.put(text, selector);
			}
			catch (IllegalArgumentException ex) {
				// status-api refuses such selectors; one from an older definition is
				// skipped
				logger.warn("Skipping the invalid label selector '{}': {}", text, ex.getMessage());
				return null;
			}
		}
		return selector;
	}

	private synchronized int watchCount() {
		return this.watches.size();
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.heartbeat;
		this.heartbeat = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		this.watches.values().forEach(NamespaceWatch::stop);
		this.watches.clear();
	}

	@Override
	public boolean isRunning() {
		return this.heartbeat != null;
	}

	private record Published(PodSummary summary, Instant at) {
	}

}
