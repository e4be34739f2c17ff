package dev.beacon.notifier.channel;

import reactor.core.publisher.Mono;

/**
 * One way of reaching a subscriber (webhook, later email). Each channel lives in a
 * sub-package of its own and is a Spring bean; the rest of the service knows channels
 * only through this interface, found by {@link #type()} in {@link NotificationChannels}.
 */
public interface NotificationChannel {

	/**
	 * The subscriber type this channel serves, as the API spells it (e.g.
	 * {@code webhook}).
	 */
	String type();

	/**
	 * Checks a subscriber's target when it subscribes; fails with
	 * {@link InvalidTargetException} naming the request field when the target may not be
	 * used.
	 */
	Mono<Void> checkTarget(String target);

	/**
	 * Makes one attempt to deliver. Never fails: every failure is described by the
	 * result, which says whether another attempt may succeed.
	 */
	Mono<DeliveryResult> send(Notification notification);

	/**
	 * The lane this notification travels: the target whose bound it shares (a webhook's
	 * host, the SMTP server). A delivery {@link DeliveryResult#deferred() deferred} as
	 * busy waits for another attempt on its lane to end before it is tried again.
	 */
	default String lane(Notification notification) {
		return type();
	}

	/**
	 * Whether this channel's subscribers are sent events of this type (e.g.
	 * {@code component.updated}); every type unless a channel says otherwise.
	 */
	default boolean carries(String eventType) {
		return true;
	}

}
