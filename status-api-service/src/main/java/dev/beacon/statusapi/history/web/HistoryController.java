package dev.beacon.statusapi.history.web;

import java.util.UUID;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.history.ApplicationHistory;
import dev.beacon.statusapi.history.StatusHistory;
import dev.beacon.statusapi.history.Window;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.Registry;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application's status history over a window: uptime, coverage, time per status, daily
 * bars and response times, overall and per component. Visible to a token that lists the
 * application; for any other caller the application does not exist.
 */
@RestController
class HistoryController {

	private final Registry registry;

	private final StatusHistory history;

	HistoryController(Registry registry, StatusHistory history) {
		this.registry = registry;
		this.history = history;
	}

	@GetMapping("/api/applications/{id}/status/history")
	Mono<ApplicationHistory> history(@PathVariable UUID id, @RequestParam(required = false) String window,
			@AuthenticationPrincipal Jwt jwt) {
		Window chosen = Window.byKey(window).orElseThrow(() -> new InvalidWindowException(window));
		if (!ApplicationAccess.of(jwt).permits(id)) {
			return Mono.error(new ApplicationNotFoundException(id));
		}
		return this.registry.find(id).flatMap((application) -> this.history.of(application, chosen));
	}

}
