package dev.beacon.notifier.subscriber;

/**
 * A subscription request that cannot be served, and why: the web adapters turn each kind
 * into its status code.
 */
public class SubscriptionException extends RuntimeException {

	private final Kind kind;

	public SubscriptionException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	public enum Kind {

		/** No such page, or one that visitors may not subscribe to (404). */
		PAGE_NOT_FOUND,
		/** The application has as many subscribers as it may have (409). */
		LIMIT_REACHED,
		/** The address is already subscribed to the page or awaits confirmation (409). */
		ALREADY_SUBSCRIBED,
		/** The subscriber has no secret to rotate (409). */
		NOT_A_WEBHOOK,
		/** A link token that is not of the issued form (400). */
		MALFORMED_LINK,
		/** A link token that was never issued, or whose subscription is gone (404). */
		UNKNOWN_LINK,
		/** A link whose time is over (410). */
		EXPIRED_LINK

	}

}
