package dev.beacon.notifier.subscriber.web;

import java.net.URI;
import java.util.UUID;

import dev.beacon.notifier.subscriber.Subscribed;
import dev.beacon.notifier.subscriber.Subscriptions;
import jakarta.validation.Valid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.beacon.notifier.web.ApplicationNotFoundException.unlessPermitted;

@RestController
@RequestMapping("/api/applications/{appId}/subscribers")
class SubscriberController {

	private final Subscriptions subscriptions;

	SubscriberController(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@PostMapping
	Mono<ResponseEntity<SubscriberView>> subscribe(@PathVariable UUID appId,
			@Valid @RequestBody SubscribeRequest request, @AuthenticationPrincipal Jwt jwt) {
		return unlessPermitted(jwt, appId,
				Mono.defer(() -> this.subscriptions.subscribe(appId, request.toSubscription())))
			.map(Subscribed::subscriber)
			.map((subscriber) -> ResponseEntity
				.created(URI.create("/api/applications/" + appId + "/subscribers/" + subscriber.id()))
				.body(SubscriberView.withSecret(subscriber)));
	}

	/**
	 * A new secret for a webhook subscriber, shown this once; the old one stops at once.
	 */
	@PostMapping("/{id}/secret")
	Mono<SubscriberView> rotateSecret(@PathVariable UUID appId, @PathVariable UUID id,
			@AuthenticationPrincipal Jwt jwt) {
		return unlessPermitted(jwt, appId, Mono.defer(() -> this.subscriptions.rotateSecret(appId, id)))
			.map(SubscriberView::withSecret);
	}

	@GetMapping
	Flux<SubscriberView> list(@PathVariable UUID appId, @AuthenticationPrincipal Jwt jwt) {
		return unlessPermitted(jwt, appId, Mono.just(appId)).flatMapMany(this.subscriptions::subscribers)
			.map(SubscriberView::of);
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> unsubscribe(@PathVariable UUID appId, @PathVariable UUID id,
			@AuthenticationPrincipal Jwt jwt) {
		return unlessPermitted(jwt, appId, Mono.defer(() -> this.subscriptions.unsubscribe(appId, id)))
			.then(Mono.just(ResponseEntity.noContent().<Void>build()));
	}

}
