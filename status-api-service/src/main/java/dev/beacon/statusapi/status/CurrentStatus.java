package dev.beacon.statusapi.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The status of an application's components right now, and of the application as a whole.
 */
@Service
public class CurrentStatus {

	private final ComponentHealthStore store;

	private final Clock clock;

	CurrentStatus(ComponentHealthStore store) {
		this.store = store;
		this.clock = Clock.systemUTC();
	}

	public Mono<ApplicationStatus> of(Application application) {
		Instant now = this.clock.instant();
		List<UUID> ids = application.components().stream().map(Component::id).toList();
		return this.store.findAll(ids).map((healths) -> {
			List<ComponentState> components = application.components()
				.stream()
				.map((component) -> state(component, healths.get(component.id()), now))
				.toList();
			return new ApplicationStatus(application.id(),
					OverallStatus.of(components.stream().map(ComponentState::status).toList()), components);
		});
	}

	private static ComponentState state(Component component, ComponentHealth health, Instant now) {
		if (health == null) {
			return new ComponentState(component.id(), component.name(), ComponentStatus.UNKNOWN, null,
					"No observation yet");
		}
		int interval = (component.httpCheck() != null) ? component.httpCheck().intervalSeconds() : 0;
		ComponentStatus status = health.statusAt(now, interval);
		String reason = (status == health.status()) ? health.reason() : "No recent observation";
		return new ComponentState(component.id(), component.name(), status, health.since(), reason);
	}

	public record ApplicationStatus(UUID applicationId, OverallStatus overall, List<ComponentState> components) {
	}

	public record ComponentState(UUID id, String name, ComponentStatus status, Instant since, String reason) {
	}

}
