package dev.beacon.notifier.channel;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The links a channel puts in what it sends. Each call issues a new single-purpose,
 * unguessable token of which only the hash is kept, so a link is minted when a message is
 * built and never stored.
 */
public interface SubscriberLinks {

	/**
	 * The link that confirms the subscriber's address; it expires with the confirmation.
	 */
	Mono<String> confirm(UUID subscriberId);

	/** The one-click link that removes the subscriber. */
	Mono<String> unsubscribe(UUID subscriberId);

}
