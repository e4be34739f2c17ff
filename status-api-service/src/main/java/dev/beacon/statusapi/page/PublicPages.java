package dev.beacon.statusapi.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.history.PageHistory;
import dev.beacon.statusapi.history.StatusHistory;
import dev.beacon.statusapi.metrics.MetricReadings;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.PageSettings;
import dev.beacon.statusapi.registry.Registry;
import dev.beacon.statusapi.status.CurrentStatus;
import dev.beacon.statusapi.status.CurrentStatus.ComponentState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Builds the public page of an application. A private page is shown only to callers whose
 * token lists the application; to everyone else it does not exist. A disabled page does
 * not exist for anyone, nor does a deleted application's.
 */
@Service
public class PublicPages {

	/** How long resolved incidents and completed maintenance stay on the page. */
	static final Duration RECENT = Duration.ofDays(14);

	private final Registry registry;

	private final CurrentStatus currentStatus;

	private final PageIncidents incidents;

	private final PageMaintenances maintenances;

	private final MetricReadings metrics;

	private final StatusHistory history;

	PublicPages(Registry registry, CurrentStatus currentStatus, PageIncidents incidents, PageMaintenances maintenances,
			MetricReadings metrics, StatusHistory history) {
		this.history = history;
		this.registry = registry;
		this.currentStatus = currentStatus;
		this.incidents = incidents;
		this.maintenances = maintenances;
		this.metrics = metrics;
	}

	public Mono<PublicPage> find(String slug, Optional<ApplicationAccess> access) {
		return this.registry.findBySlug(slug)
			.filter((application) -> application.page().enabled())
			.filter((application) -> application.publicPage()
					|| access.map((caller) -> caller.permits(application.id())).orElse(false))
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(slug)))
			.flatMap(this::page);
	}

	/** The page of {@code application} as it is now, whoever may read it. */
	Mono<PublicPage> page(Application application) {
		Instant now = Instant.now();
		return Mono
			.zip(this.currentStatus.of(application), withTimelines(this.incidents.unresolved(application.id())),
					withTimelines(this.incidents.resolvedSince(application.id(), now.minus(RECENT))),
					this.maintenances.shown(application.id(), now.minus(RECENT)).collectList(),
					this.metrics.show(application.page().metrics()), this.history.page(application))
			.map((parts) -> {
				PageSettings settings = application.page();
				PageHistory history = parts.getT6();
				List<PublicPage.PageComponent> components = parts.getT1()
					.components()
					.stream()
					.map((state) -> withHistory(state, history.components().get(state.id()), settings))
					.toList();
				return new PublicPage(application.slug(), application.name(), settings.description(),
						settings.timeZone(), settings.showUptime(), settings.showResponseTimes(),
						parts.getT1().overall(), components, parts.getT5(), parts.getT2(), parts.getT3(), parts.getT4(),
						now, settings.showUptime() ? history.uptime() : null,
						settings.showUptime() ? history.days() : null);
			});
	}

	private static PublicPage.PageComponent withHistory(ComponentState state, PageHistory.ComponentPart part,
			PageSettings settings) {
		if (part == null) {
			return new PublicPage.PageComponent(state, null, null, null);
		}
		return new PublicPage.PageComponent(state, settings.showUptime() ? part.uptime() : null,
				settings.showUptime() ? part.days() : null, settings.showResponseTimes() ? part.responseTimes() : null);
	}

	private Mono<List<PageIncident>> withTimelines(Flux<PageIncident> incidents) {
		return incidents
			.concatMap((incident) -> this.incidents.updates(incident.id()).collectList().map(incident::withUpdates))
			.collectList();
	}

}
