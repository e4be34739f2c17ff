package dev.beacon.notifier.subscriber;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.notifier.channel.NotificationChannels;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Subscribes and unsubscribes; the subscriber's channel has the last word on its target.
 */
@Service
public class Subscriptions {

	private static final SecureRandom random = new SecureRandom();

	private final Subscribers subscribers;

	private final NotificationChannels channels;

	private final Clock clock = Clock.systemUTC();

	Subscriptions(Subscribers subscribers, NotificationChannels channels) {
		this.subscribers = subscribers;
		this.channels = channels;
	}

	public Mono<Subscriber> subscribe(NewSubscription subscription) {
		NotificationChannel channel = this.channels.find(subscription.type()).orElse(null);
		if (channel == null) {
			return Mono.error(new InvalidSubscriptionException("type", "must be one of: " + this.channels.types()));
		}
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), subscription.applicationId(), channel.type(),
				subscription.target(), (subscription.secret() != null) ? subscription.secret() : newSecret(),
				subscription.componentIds().stream().distinct().toList(), this.clock.instant());
		return channel.checkTarget(subscription.target())
			.onErrorMap(InvalidTargetException.class,
					(ex) -> new InvalidSubscriptionException(ex.field(), ex.getMessage()))
			.then(this.subscribers.insert(subscriber));
	}

	public Flux<Subscriber> subscribers(UUID applicationId) {
		return this.subscribers.findByApplication(applicationId);
	}

	public Mono<Void> unsubscribe(UUID applicationId, UUID subscriberId) {
		return this.subscribers.delete(applicationId, subscriberId)
			.flatMap((deleted) -> deleted ? Mono.empty() : Mono.error(new SubscriberNotFoundException(subscriberId)));
	}

	/** 32 random bytes, base64url without padding (43 characters). */
	static String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
