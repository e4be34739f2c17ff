package dev.beacon.notifier.subscriber.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.beacon.notifier.subscriber.InvalidSubscriptionException;
import dev.beacon.notifier.subscriber.Subscribed;
import dev.beacon.notifier.subscriber.Subscriptions;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A page's visitors subscribe themselves: no token, so the endpoint is rate limited per
 * client and per target, and an email subscription is answered the same whether the
 * address was new, already subscribed or awaiting its confirmation.
 */
@RestController
class PublicSubscriptionController {

	/** The one answer to an email subscription. */
	static final Map<String, String> CHECK_YOUR_MAIL = Map.of("status", "pending_confirmation", "detail",
			"If the address can receive mail, a confirmation link is on its way; "
					+ "nothing else is sent until it is opened.");

	private final Subscriptions subscriptions;

	private final PublicSubscribeLimits limits;

	PublicSubscriptionController(Subscriptions subscriptions, PublicSubscribeLimits limits) {
		this.subscriptions = subscriptions;
		this.limits = limits;
	}

	@PostMapping("/public/status/{slug}/subscribers")
	Mono<ResponseEntity<Object>> subscribe(@PathVariable String slug,
			@Valid @RequestBody PublicSubscribeRequest request, ServerHttpRequest http) {
		return Mono.defer(() -> {
			this.limits.checkClient(http);
			var subscription = request.toSubscription();
			if (request.isEmail()) {
				Mono<Subscribed> subscribed = this.limits.targetAllowed(subscription.target())
						? this.subscriptions.subscribeToPage(slug, subscription)
						// over the target's limit: answered alike, nothing sent (but a
						// bad page
						// or input is still told)
						: this.subscriptions.checkPage(slug, subscription).thenReturn(new Subscribed(null, null));
				return subscribed.thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).body((Object) CHECK_YOUR_MAIL));
			}
			return this.subscriptions.subscribeToPage(slug, subscription).map((subscribed) -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("id", subscribed.subscriber().id());
				body.put("type", "webhook");
				body.put("webhookUrl", subscribed.subscriber().target());
				body.put("componentIds", subscribed.subscriber().componentIds());
				body.put("secret", subscribed.subscriber().secret());
				body.put("unsubscribeUrl", subscribed.unsubscribeUrl());
				return ResponseEntity.status(HttpStatus.CREATED).body((Object) body);
			});
		})
			// the channel names its own field; this request calls it webhookUrl
			.onErrorMap(InvalidSubscriptionException.class, (ex) -> "url".equals(ex.field())
					? new InvalidSubscriptionException("webhookUrl", ex.getMessage()) : ex);
	}

}
