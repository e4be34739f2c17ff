package dev.beacon.incident.incidents.web;

import java.net.URI;
import java.util.UUID;

import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.IncidentNotFoundException;
import dev.beacon.incident.incidents.IncidentService;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.security.ApplicationAccess;
import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

/**
 * The incidents of one application. A caller whose token does not list the application
 * gets the same 404 as for an application or incident that does not exist.
 */
@RestController
@RequestMapping("/api/applications/{appId}/incidents")
class IncidentController {

	private final IncidentService incidents;

	IncidentController(IncidentService incidents) {
		this.incidents = incidents;
	}

	@GetMapping
	Flux<IncidentView> list(@PathVariable UUID appId, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId).flatMapMany(this.incidents::list).map(IncidentView::of);
	}

	@GetMapping("/{incidentId}")
	Mono<IncidentView> get(@PathVariable UUID appId, @PathVariable UUID incidentId, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId, incidentId).flatMap((id) -> this.incidents.find(appId, incidentId))
			.map(IncidentView::of);
	}

	@PostMapping
	Mono<ResponseEntity<IncidentView>> declare(@PathVariable UUID appId,
			@Valid @RequestBody DeclareIncidentRequest request, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId)
			.flatMap((id) -> this.incidents.declare(appId, request.title().strip(),
					IncidentStatus.of(request.statusOrDefault()), Impact.of(request.impact()), request.body().strip(),
					request.componentIdsOrNone()))
			.map((incident) -> ResponseEntity
				.created(URI.create("/api/applications/" + appId + "/incidents/" + incident.id()))
				.body(IncidentView.of(incident)));
	}

	@PutMapping("/{incidentId}")
	Mono<IncidentView> update(@PathVariable UUID appId, @PathVariable UUID incidentId,
			@Valid @RequestBody UpdateIncidentRequest request, @AuthenticationPrincipal Jwt jwt) {
		Impact impact = (request.impact() != null) ? Impact.of(request.impact()) : null;
		return permitted(jwt, appId, incidentId)
			.flatMap((id) -> this.incidents.update(appId, incidentId, IncidentStatus.of(request.status()),
					request.body().strip(), impact))
			.map(IncidentView::of);
	}

	private static Mono<UUID> permitted(Jwt jwt, UUID appId) {
		return ApplicationAccess.of(jwt).permits(appId) ? Mono.just(appId)
				: Mono.error(new ApplicationNotFoundException(appId));
	}

	private static Mono<UUID> permitted(Jwt jwt, UUID appId, UUID incidentId) {
		return ApplicationAccess.of(jwt).permits(appId) ? Mono.just(appId)
				: Mono.error(new IncidentNotFoundException(incidentId));
	}

}
