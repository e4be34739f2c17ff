package dev.beacon.statusapi.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import reactor.core.publisher.Flux;
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
		return Flux.fromIterable(application.components())
			.concatMap((component) -> this.store.find(component.id())
				.map((health) -> state(component, health, now))
				.defaultIfEmpty(new ComponentState(component.id(), component.name(), ComponentStatus.UNKNOWN, null,
						"No observation yet")))
			.collectList()
			.map((components) -> new ApplicationStatus(application.id(),
					OverallStatus.of(components.stream().map(ComponentState::status).toList()), components));
	}

	private static ComponentState state(Component component, ComponentHealth health, Instant now) {
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
