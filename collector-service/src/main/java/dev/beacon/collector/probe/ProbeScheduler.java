package dev.beacon.collector.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ObservationRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Probes every target on its own interval and publishes each result. A target is never
 * probed twice at once; a new target is probed at once.
 */
@Component
class ProbeScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ProbeScheduler.class);

	private static final Duration TICK = Duration.ofMillis(250);

	private final ProbeTargets targets;

	private final HttpProber prober;

	private final Observations observations;

	private final CollectorProperties properties;

	private final Clock clock = Clock.systemUTC();

	private final Map<UUID, Instant> nextProbe = new ConcurrentHashMap<>();

	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private volatile Disposable ticking;

	ProbeScheduler(ProbeTargets targets, HttpProber prober, Observations observations, CollectorProperties properties) {
		this.targets = targets;
		this.prober = prober;
		this.observations = observations;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.ticking = Flux.interval(TICK)
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.fromRunnable(this::probeDueTargets))
			.subscribe();
	}

	private void probeDueTargets() {
		Instant now = this.clock.instant();
		Collection<ProbeTarget> targets = this.targets.all();
		// forget the schedule of components that are no longer probed
		this.nextProbe.keySet().retainAll(targets.stream().map(ProbeTarget::componentId).collect(Collectors.toSet()));
		List<ProbeTarget> due = targets.stream()
			.filter((target) -> !this.nextProbe.getOrDefault(target.componentId(), Instant.MIN).isAfter(now))
			.filter((target) -> this.inFlight.add(target.componentId()))
			.toList();
		due.forEach((target) -> this.nextProbe.put(target.componentId(), now.plus(target.interval())));
		Flux.fromIterable(due).flatMap(this::probeAndPublish, this.properties.maxConcurrentProbes()).subscribe();
	}

	private Mono<Void> probeAndPublish(ProbeTarget target) {
		return this.prober.probe(target)
			.map((result) -> ObservationRecorded.http(target.applicationId(), target.componentId(), result.startedAt(),
					result.httpStatus(), result.latencyMillis(), result.error()))
			.flatMap(this.observations::publish)
			.doOnError((failure) -> logger.warn("Could not publish the observation of {}: {}", target.componentId(),
					failure.toString()))
			.onErrorResume((failure) -> Mono.empty())
			.doFinally((signal) -> this.inFlight.remove(target.componentId()));
	}

	@Override
	public void stop() {
		Disposable current = this.ticking;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.ticking;
		return current != null && !current.isDisposed();
	}

}
