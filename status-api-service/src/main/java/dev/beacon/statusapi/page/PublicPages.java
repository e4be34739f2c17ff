package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.Optional;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.Registry;
import dev.beacon.statusapi.status.CurrentStatus;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Builds the public page of an application. A private page is shown only to callers whose
 * token lists the application; to everyone else it does not exist.
 */
@Service
public class PublicPages {

	private final Registry registry;

	private final CurrentStatus currentStatus;

	private final PageIncidents incidents;

	PublicPages(Registry registry, CurrentStatus currentStatus, PageIncidents incidents) {
		this.registry = registry;
		this.currentStatus = currentStatus;
		this.incidents = incidents;
	}

	public Mono<PublicPage> find(String slug, Optional<ApplicationAccess> access) {
		return this.registry.findBySlug(slug)
			.filter((application) -> application.publicPage()
					|| access.map((caller) -> caller.permits(application.id())).orElse(false))
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(slug)))
			.flatMap((application) -> Mono.zip(this.currentStatus.of(application),
					this.incidents.unresolved(application.id()).collectList(),
					(status, open) -> new PublicPage(application.slug(), application.name(), status.overall(),
							status.components(), open, Instant.now())));
	}

}
