package dev.beacon.notifier.subscriber;

import java.time.Clock;
import java.util.UUID;

import dev.beacon.notifier.catalog.PublicLinks;
import dev.beacon.notifier.channel.SubscriberLinks;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Mints link tokens when a message is built: the raw token goes into the link, its hash
 * into the database.
 */
@Component
class LinkIssuer implements SubscriberLinks {

	static final String CONFIRM_PATH = "/public/subscriptions/confirm/";

	static final String UNSUBSCRIBE_PATH = "/public/subscriptions/unsubscribe/";

	private final Subscribers subscribers;

	private final PublicLinks links;

	private final SubscriptionProperties properties;

	private final Clock clock = Clock.systemUTC();

	LinkIssuer(Subscribers subscribers, PublicLinks links, SubscriptionProperties properties) {
		this.subscribers = subscribers;
		this.links = links;
		this.properties = properties;
	}

	@Override
	public Mono<String> confirm(UUID subscriberId) {
		return this.subscribers.find(subscriberId).flatMap((subscriber) -> {
			String token = LinkTokens.newToken();
			return this.subscribers
				.saveToken(LinkTokens.hash(token), subscriberId, TokenPurpose.CONFIRM, subscriber.confirmExpiresAt())
				.thenReturn(this.links.url(CONFIRM_PATH + token));
		});
	}

	@Override
	public Mono<String> unsubscribe(UUID subscriberId) {
		String token = LinkTokens.newToken();
		return this.subscribers
			.saveToken(LinkTokens.hash(token), subscriberId, TokenPurpose.UNSUBSCRIBE,
					this.clock.instant().plus(this.properties.unsubscribeLinkValidity()))
			.thenReturn(this.links.url(UNSUBSCRIBE_PATH + token));
	}

}
