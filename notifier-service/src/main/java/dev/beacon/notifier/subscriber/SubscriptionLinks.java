package dev.beacon.notifier.subscriber;

import java.time.Clock;

import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.subscriber.SubscriptionException.Kind;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What the links in mails do. A token works only for its purpose: a confirmation token
 * cannot unsubscribe anyone, and an unsubscribe token reads nothing but the page's name.
 */
@Service
public class SubscriptionLinks {

	private final Subscribers subscribers;

	private final Applications applications;

	private final Clock clock = Clock.systemUTC();

	SubscriptionLinks(Subscribers subscribers, Applications applications) {
		this.subscribers = subscribers;
		this.applications = applications;
	}

	/** The page a valid link is about, without acting on it (a GET shows this). */
	public Mono<LinkedPage> check(String token, TokenPurpose purpose) {
		return subscriber(token, purpose).flatMap(this::page);
	}

	/** Confirms the address the token was sent to; confirming twice is fine. */
	public Mono<LinkedPage> confirm(String token) {
		return subscriber(token, TokenPurpose.CONFIRM).flatMap(
				(subscriber) -> this.subscribers.confirm(subscriber.id(), this.clock.instant()).then(page(subscriber)));
	}

	/** Removes the subscriber the token was sent to. */
	public Mono<LinkedPage> unsubscribe(String token) {
		return subscriber(token, TokenPurpose.UNSUBSCRIBE).flatMap((subscriber) -> page(subscriber)
			.flatMap((page) -> this.subscribers.delete(subscriber.id()).thenReturn(page)));
	}

	private Mono<Subscriber> subscriber(String token, TokenPurpose purpose) {
		if (!LinkTokens.wellFormed(token)) {
			return Mono.error(new SubscriptionException(Kind.MALFORMED_LINK, "The link is not one Beacon sent"));
		}
		return this.subscribers.findToken(LinkTokens.hash(token), purpose)
			.switchIfEmpty(Mono.error(() -> new SubscriptionException(Kind.UNKNOWN_LINK,
					"The link is unknown, or its subscription no longer exists")))
			.flatMap((issued) -> Confirmations.expired(issued.expiresAt(), this.clock.instant())
					? Mono.error(new SubscriptionException(Kind.EXPIRED_LINK,
							"The link has expired; subscribe again to get a new one"))
					: this.subscribers.find(issued.subscriberId()))
			.switchIfEmpty(Mono.error(() -> new SubscriptionException(Kind.UNKNOWN_LINK,
					"The link is unknown, or its subscription no longer exists")));
	}

	private Mono<LinkedPage> page(Subscriber subscriber) {
		return this.applications.find(subscriber.applicationId())
			.map((application) -> new LinkedPage(application.name(), application.slug()))
			.defaultIfEmpty(new LinkedPage("the status page", null));
	}

	/** The page a link is about: its name, and its address when it still has one. */
	public record LinkedPage(String name, String slug) {

		static LinkedPage of(Application application) {
			return new LinkedPage(application.name(), application.slug());
		}

	}

}
