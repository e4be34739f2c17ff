package dev.beacon.notifier.subscriber;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.notifier.channel.NotificationChannels;
import dev.beacon.notifier.subscriber.SubscriptionException.Kind;
import dev.beacon.notifier.web.ApplicationNotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Subscribes and unsubscribes; the subscriber's channel has the last word on its target.
 * An email address receives a confirmation mail and nothing else until it confirms
 * (double opt-in).
 */
@Service
public class Subscriptions {

	/** The channel whose subscribers confirm their address first. */
	static final String EMAIL = "email";

	private static final SecureRandom random = new SecureRandom();

	static final int CATALOG_WAIT_STEPS = 50;

	static final Duration CATALOG_WAIT_STEP = Duration.ofMillis(200);

	private final Subscribers subscribers;

	private final Applications applications;

	private final NotificationChannels channels;

	private final Confirmations confirmations;

	private final TransactionalOperator transactions;

	private final SubscriptionProperties properties;

	private final LinkIssuer links;

	private final Clock clock;

	@Autowired
	Subscriptions(Subscribers subscribers, Applications applications, NotificationChannels channels,
			Confirmations confirmations, TransactionalOperator transactions, SubscriptionProperties properties,
			LinkIssuer links) {
		this(subscribers, applications, channels, confirmations, transactions, properties, links, Clock.systemUTC());
	}

	Subscriptions(Subscribers subscribers, Applications applications, NotificationChannels channels,
			Confirmations confirmations, TransactionalOperator transactions, SubscriptionProperties properties,
			LinkIssuer links, Clock clock) {
		this.subscribers = subscribers;
		this.applications = applications;
		this.channels = channels;
		this.confirmations = confirmations;
		this.transactions = transactions;
		this.properties = properties;
		this.links = links;
		this.clock = clock;
	}

	/**
	 * Subscribes on behalf of the application's owner (the authenticated API): an address
	 * already subscribed is a conflict the owner is told about.
	 */
	public Mono<Subscribed> subscribe(UUID applicationId, NewSubscription subscription) {
		// an application created a moment ago may not have reached the notifier through
		// the catalog topic yet: a client that creates it and subscribes at once is not
		// refused for that
		return known(applicationId, CATALOG_WAIT_STEPS)
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(applicationId)))
			.flatMap((application) -> subscribe(application, subscription, false));
	}

	/**
	 * The application, looked up again every step while it is unknown, {@code tries}
	 * times.
	 */
	private Mono<Application> known(UUID applicationId, int tries) {
		return this.applications.find(applicationId)
			.switchIfEmpty(Mono.defer(() -> (tries <= 1) ? Mono.empty()
					: Mono.delay(CATALOG_WAIT_STEP).then(known(applicationId, tries - 1))));
	}

	/**
	 * Subscribes a visitor of the page at {@code slug}. A private or absent page answers
	 * alike. Whether the address was already subscribed is never told: the answer is the
	 * same, and no second mail is sent.
	 */
	public Mono<Subscribed> subscribeToPage(String slug, NewSubscription subscription) {
		return page(slug).flatMap((application) -> subscribe(application, subscription, true));
	}

	/**
	 * Checks a visitor's subscription as {@link #subscribeToPage} would, without making
	 * it.
	 */
	public Mono<Void> checkPage(String slug, NewSubscription subscription) {
		return page(slug).flatMap((application) -> check(application, subscription)).then();
	}

	private Mono<Application> page(String slug) {
		return this.applications.findBySlug(slug)
			.filter(Application::openToVisitors)
			.switchIfEmpty(Mono.error(() -> new SubscriptionException(Kind.PAGE_NOT_FOUND, "No page " + slug)));
	}

	/** The subscription's channel, once the request and its target passed the checks. */
	private Mono<NotificationChannel> check(Application application, NewSubscription subscription) {
		NotificationChannel channel = this.channels.find(subscription.type()).orElse(null);
		if (channel == null) {
			return Mono.error(new InvalidSubscriptionException("type", "must be one of: " + this.channels.types()));
		}
		for (int i = 0; i < subscription.componentIds().size(); i++) {
			if (!application.hasComponent(subscription.componentIds().get(i))) {
				return Mono.error(new InvalidSubscriptionException("componentIds[" + i + "]",
						"is not a component of the application"));
			}
		}
		return channel.checkTarget(subscription.target())
			.onErrorMap(InvalidTargetException.class,
					(ex) -> new InvalidSubscriptionException(ex.field(), ex.getMessage()))
			.thenReturn(channel);
	}

	private Mono<Subscribed> subscribe(Application application, NewSubscription subscription, boolean visitor) {
		List<UUID> components = subscription.componentIds().stream().distinct().toList();
		return check(application, subscription)
			.flatMap((channel) -> this.subscribers.countByApplication(application.id()).flatMap((count) -> {
				if (count >= this.properties.maxPerApplication()) {
					return Mono.error(new SubscriptionException(Kind.LIMIT_REACHED, "The application has "
							+ this.properties.maxPerApplication() + " subscribers, as many as it may have"));
				}
				return channel.type().equals(EMAIL) ? subscribeAddress(application, subscription, components, visitor)
						: subscribeConfirmed(application, channel.type(), subscription, components, visitor);
			}));
	}

	private Mono<Subscribed> subscribeConfirmed(Application application, String type, NewSubscription subscription,
			List<UUID> components, boolean visitor) {
		Instant now = this.clock.instant();
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), application.id(), type, subscription.target(),
				(subscription.secret() != null) ? subscription.secret() : newSecret(), components, now, now, null);
		return this.subscribers.insert(subscriber)
			.then(visitor ? this.links.unsubscribe(subscriber.id()) : Mono.just(""))
			.map((link) -> new Subscribed(subscriber, link.isEmpty() ? null : link));
	}

	private Mono<Subscribed> subscribeAddress(Application application, NewSubscription subscription,
			List<UUID> components, boolean visitor) {
		Instant now = this.clock.instant();
		String address = subscription.target().strip();
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), application.id(), EMAIL, address, null, components,
				now, null, now.plus(this.properties.confirmationValidity()));
		Mono<Boolean> added = this.subscribers.removeExpiredConfirmations(address.toLowerCase(Locale.ROOT), now)
			.then(this.subscribers.insert(subscriber))
			.flatMap((inserted) -> inserted ? this.confirmations.request(application, subscriber).thenReturn(true)
					: Mono.just(false));
		return this.transactions.transactional(added).flatMap((inserted) -> {
			if (inserted) {
				this.confirmations.sendSoon();
				return Mono.just(new Subscribed(subscriber, null));
			}
			return visitor ? Mono.just(new Subscribed(null, null))
					: Mono.error(new SubscriptionException(Kind.ALREADY_SUBSCRIBED,
							"The address is already subscribed to this page or awaits its confirmation"));
		});
	}

	public Flux<Subscriber> subscribers(UUID applicationId) {
		return this.subscribers.findByApplication(applicationId);
	}

	public Mono<Void> unsubscribe(UUID applicationId, UUID subscriberId) {
		return this.subscribers.delete(applicationId, subscriberId)
			.flatMap((deleted) -> deleted ? Mono.empty() : Mono.error(new SubscriberNotFoundException(subscriberId)));
	}

	/** Gives a webhook subscriber a new secret; the old one stops signing at once. */
	public Mono<Subscriber> rotateSecret(UUID applicationId, UUID subscriberId) {
		return this.subscribers.find(subscriberId)
			.filter((subscriber) -> subscriber.applicationId().equals(applicationId))
			.switchIfEmpty(Mono.error(() -> new SubscriberNotFoundException(subscriberId)))
			.flatMap((subscriber) -> {
				if (subscriber.secret() == null) {
					return Mono
						.error(new SubscriptionException(Kind.NOT_A_WEBHOOK, "Only webhook subscribers have a secret"));
				}
				String secret = newSecret();
				return this.subscribers.replaceSecret(applicationId, subscriberId, secret)
					.thenReturn(subscriber.withSecret(secret));
			});
	}

	/** Forgets every subscriber of a deleted application. */
	public Mono<Long> forgetApplication(UUID applicationId) {
		return this.subscribers.deleteByApplication(applicationId);
	}

	/** 32 random bytes, base64url without padding (43 characters). */
	static String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
