package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The status of an application's components right now, and of the application as a whole:
 * the stored status, the one the published status changes announced. A component whose
 * data went stale shows {@code unknown} once the {@link StalenessSweep} turned it, within
 * one sweep interval.
 */
@Service
public class CurrentStatus {

	private final ComponentHealthStore store;

	CurrentStatus(ComponentHealthStore store) {
		this.store = store;
	}

	public Mono<ApplicationStatus> of(Application application) {
		List<UUID> ids = application.components().stream().map(Component::id).toList();
		return this.store.findAll(ids).map((healths) -> {
			List<ComponentState> components = application.components()
				.stream()
				.map((component) -> state(component, healths.get(component.id())))
				.toList();
			return new ApplicationStatus(application.id(),
					OverallStatus.of(components.stream().map(ComponentState::status).toList()), components);
		});
	}

	private static ComponentState state(Component component, ComponentHealth health) {
		if (health == null) {
			return new ComponentState(component.id(), component.name(), component.group(), ComponentStatus.UNKNOWN,
					null, "No observation yet", null, null);
		}
		if (isStale(health)) {
			// the sweep publishes this change within its interval; until then (for
			// example
			// right after this service restarted) the page already says what the sweep
			// will
			return new ComponentState(component.id(), component.name(), component.group(), ComponentStatus.UNKNOWN,
					health.staleAt(), ComponentHealth.STALE_REASON, null, null);
		}
		Pods pods = (component.kubernetes() != null && health.pods() != null)
				? new Pods(health.pods().total(), health.pods().ready()) : null;
		String degradation = (health.status() == ComponentStatus.DEGRADED) ? health.degradation() : null;
		return new ComponentState(component.id(), component.name(), component.group(), health.status(), health.since(),
				health.reason(), degradation, pods);
	}

	private static boolean isStale(ComponentHealth health) {
		return health.staleAt() != null && health.staleAt().isBefore(Instant.now())
				&& health.status() != ComponentStatus.UNKNOWN && health.status() != ComponentStatus.MAINTENANCE;
	}

	public record ApplicationStatus(UUID applicationId, OverallStatus overall, List<ComponentState> components) {
	}

	/**
	 * A component's status; {@code group} is the page group it is shown in, or null;
	 * {@code degradation} the kind of a degraded status ({@code performance} or
	 * {@code partial}), else null; {@code pods} the count of its pods, null when it has
	 * no Kubernetes source or no observation of it yet.
	 */
	public record ComponentState(UUID id, String name, String group, ComponentStatus status, Instant since,
			String reason, String degradation, Pods pods) {
	}

	/** How many pods a component has and how many of them are ready. */
	public record Pods(int total, int ready) {
	}

}
