package dev.beacon.statusapi.registry.web;

import java.net.URI;
import java.util.UUID;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.Registry;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/applications")
class ApplicationController {

	private final Registry registry;

	ApplicationController(Registry registry) {
		this.registry = registry;
	}

	@PostMapping
	Mono<ResponseEntity<ApplicationView>> register(@Valid @RequestBody RegisterApplicationRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		if (!ApplicationAccess.of(jwt).permits(request.id())) {
			return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
					"The bearer token does not list application " + request.id()));
		}
		return this.registry.register(request.toApplication())
			.map((application) -> ResponseEntity.created(URI.create("/api/applications/" + application.id()))
				.body(ApplicationView.of(application)));
	}

	@GetMapping("/{id}")
	Mono<ApplicationView> get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
		if (!ApplicationAccess.of(jwt).permits(id)) {
			return Mono.error(new ApplicationNotFoundException(id));
		}
		return this.registry.find(id).map(ApplicationView::of);
	}

}
