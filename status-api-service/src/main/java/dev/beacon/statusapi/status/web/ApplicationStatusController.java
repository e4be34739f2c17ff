package dev.beacon.statusapi.status.web;

import java.util.UUID;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.Registry;
import dev.beacon.statusapi.status.CurrentStatus;
import dev.beacon.statusapi.status.CurrentStatus.ApplicationStatus;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ApplicationStatusController {

	private final Registry registry;

	private final CurrentStatus currentStatus;

	ApplicationStatusController(Registry registry, CurrentStatus currentStatus) {
		this.registry = registry;
		this.currentStatus = currentStatus;
	}

	@GetMapping("/api/applications/{id}/status")
	Mono<ApplicationStatus> status(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
		if (!ApplicationAccess.of(jwt).permits(id)) {
			return Mono.error(new ApplicationNotFoundException(id));
		}
		return this.registry.find(id).flatMap(this.currentStatus::of);
	}

}
