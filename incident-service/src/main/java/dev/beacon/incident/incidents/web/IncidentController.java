package dev.beacon.incident.incidents.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.IncidentNotFoundException;
import dev.beacon.incident.incidents.IncidentService;
import dev.beacon.incident.incidents.IncidentService.Revision;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.security.ApplicationAccess;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

	/**
	 * One page, newest first; a {@code Link: <…>; rel="next"} header points at the next
	 * page when there is one.
	 */
	@GetMapping
	Mono<ResponseEntity<List<IncidentView>>> list(@PathVariable UUID appId, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @AuthenticationPrincipal Jwt jwt) {
		Paging paging = Paging.of(page, size);
		return permitted(jwt, appId)
			.flatMap((id) -> this.incidents.list(appId, paging.page() * paging.size(), paging.size() + 1)
				.map(IncidentView::of)
				.collectList())
			.map((found) -> {
				ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
				if (found.size() > paging.size()) {
					answer.header(HttpHeaders.LINK,
							"</api/applications/" + appId + "/incidents" + paging.next() + ">; rel=\"next\"");
				}
				return answer.body(found.subList(0, Math.min(found.size(), paging.size())));
			});
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
					request.components()))
			.map((incident) -> ResponseEntity
				.created(URI.create("/api/applications/" + appId + "/incidents/" + incident.id()))
				.body(IncidentView.of(incident)));
	}

	@PutMapping("/{incidentId}")
	Mono<IncidentView> update(@PathVariable UUID appId, @PathVariable UUID incidentId,
			@Valid @RequestBody UpdateIncidentRequest request, @AuthenticationPrincipal Jwt jwt) {
		Revision revision = request.revision();
		return permitted(jwt, appId, incidentId).flatMap((id) -> this.incidents.revise(appId, incidentId, revision))
			.map(IncidentView::of);
	}

	/** The timeline, newest first. */
	@GetMapping("/{incidentId}/updates")
	Mono<List<IncidentView.UpdateView>> updates(@PathVariable UUID appId, @PathVariable UUID incidentId,
			@AuthenticationPrincipal Jwt jwt) {
		return get(appId, incidentId, jwt).map(IncidentView::updates);
	}

	/** Posts one update; answers the incident's timeline entry it added. */
	@PostMapping("/{incidentId}/updates")
	Mono<ResponseEntity<IncidentView.UpdateView>> postUpdate(@PathVariable UUID appId, @PathVariable UUID incidentId,
			@Valid @RequestBody PostUpdateRequest request, @AuthenticationPrincipal Jwt jwt) {
		Revision revision = new Revision(null, request.statusOrNull(), request.body().strip(), request.impactOrNull(),
				null);
		return permitted(jwt, appId, incidentId).flatMap((id) -> this.incidents.revise(appId, incidentId, revision))
			.map((incident) -> ResponseEntity
				.created(URI.create("/api/applications/" + appId + "/incidents/" + incidentId + "/updates"))
				.body(IncidentView.of(incident).updates().get(0)));
	}

	/** Reopens a resolved declared incident: an explicit action, never an update. */
	@PostMapping("/{incidentId}/reopen")
	Mono<IncidentView> reopen(@PathVariable UUID appId, @PathVariable UUID incidentId,
			@Valid @RequestBody ReopenIncidentRequest request, @AuthenticationPrincipal Jwt jwt) {
		return permitted(jwt, appId, incidentId)
			.flatMap((id) -> this.incidents.reopen(appId, incidentId, request.body().strip()))
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
