package dev.beacon.incident.maintenance.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.beacon.incident.maintenance.MaintenanceNotFoundException;
import dev.beacon.incident.maintenance.MaintenanceService;
import dev.beacon.security.ApplicationAccess;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The scheduled maintenance of one application. A caller whose token does not list the
 * application gets the same 404 as for one that does not exist.
 */
@RestController
@RequestMapping("/api/applications/{appId}/maintenances")
class MaintenanceController {

	/** How many a list shows, latest start first. */
	static final int LIST_SIZE = 100;

	private final MaintenanceService maintenances;

	MaintenanceController(MaintenanceService maintenances) {
		this.maintenances = maintenances;
	}

	@GetMapping
	Mono<List<MaintenanceView>> list(@PathVariable UUID appId, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId)
			.flatMap((id) -> this.maintenances.list(appId, 0, LIST_SIZE).map(MaintenanceView::of).collectList());
	}

	@GetMapping("/{maintenanceId}")
	Mono<MaintenanceView> get(@PathVariable UUID appId, @PathVariable UUID maintenanceId,
			@AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId, maintenanceId).flatMap((id) -> this.maintenances.find(appId, maintenanceId))
			.map(MaintenanceView::of);
	}

	@PostMapping
	Mono<ResponseEntity<MaintenanceView>> schedule(@PathVariable UUID appId,
			@Valid @RequestBody ScheduleMaintenanceRequest request, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId)
			.flatMap((id) -> this.maintenances.schedule(appId, request.title().strip(), request.body().strip(),
					request.distinctComponentIds(), request.scheduledFor(), request.scheduledUntil()))
			.map((maintenance) -> ResponseEntity
				.created(URI.create("/api/applications/" + appId + "/maintenances/" + maintenance.id()))
				.body(MaintenanceView.of(maintenance)));
	}

	@PutMapping("/{maintenanceId}")
	Mono<MaintenanceView> change(@PathVariable UUID appId, @PathVariable UUID maintenanceId,
			@Valid @RequestBody ChangeMaintenanceRequest request, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId, maintenanceId)
			.flatMap((id) -> this.maintenances.revise(appId, maintenanceId, request.revision()))
			.map(MaintenanceView::of);
	}

	private static Mono<UUID> permitted(Jwt jwt, UUID appId) {
		return ApplicationAccess.of(jwt).permits(appId) ? Mono.just(appId)
				: Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No application " + appId));
	}

	private static Mono<UUID> permitted(Jwt jwt, UUID appId, UUID maintenanceId) {
		return ApplicationAccess.of(jwt).permits(appId) ? Mono.just(appId)
				: Mono.error(new MaintenanceNotFoundException(maintenanceId));
	}

}
