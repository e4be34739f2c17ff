package dev.beacon.notifier.delivery.web;

import java.util.UUID;

import dev.beacon.notifier.delivery.DeliveryHistory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static dev.beacon.notifier.web.ApplicationNotFoundException.unlessPermitted;

@RestController
class DeliveryController {

	private final DeliveryHistory history;

	DeliveryController(DeliveryHistory history) {
		this.history = history;
	}

	/** The newest deliveries (at most {@value DeliveryHistory#LIMIT}), newest first. */
	@GetMapping("/api/applications/{appId}/deliveries")
	Flux<DeliveryView> recent(@PathVariable UUID appId, @AuthenticationPrincipal Jwt jwt) {
		return unlessPermitted(jwt, appId, Mono.just(appId)).flatMapMany(this.history::recent).map(DeliveryView::of);
	}

}
