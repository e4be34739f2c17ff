package dev.beacon.notifier.channel;

import java.time.Duration;

/**
 * The outcome of one delivery attempt.
 *
 * @param outcome what happened
 * @param httpStatus the receiver's status code, when it answered
 * @param error why it failed, for the subscriber's owner to read; null on success
 * @param after for a deferred delivery, how long to wait at least (null: soon)
 */
public record DeliveryResult(Outcome outcome, Integer httpStatus, String error, Duration after) {

	public static DeliveryResult delivered(Integer httpStatus) {
		return new DeliveryResult(Outcome.DELIVERED, httpStatus, null, null);
	}

	/** Failed, and a later attempt may succeed. */
	public static DeliveryResult retry(Integer httpStatus, String error) {
		return new DeliveryResult(Outcome.RETRY, httpStatus, error, null);
	}

	/** Failed, and no later attempt can succeed. */
	public static DeliveryResult rejected(String error) {
		return new DeliveryResult(Outcome.REJECTED, null, error, null);
	}

	/**
	 * Not attempted, because the target is busy (as many attempts in flight as it may
	 * have): try again soon, without counting an attempt.
	 */
	public static DeliveryResult deferred() {
		return new DeliveryResult(Outcome.DEFERRED, null, null, null);
	}

	/**
	 * Not attempted, because the target's circuit is open: try again after {@code after},
	 * without counting an attempt; {@code error} says why.
	 */
	public static DeliveryResult deferred(String error, Duration after) {
		return new DeliveryResult(Outcome.DEFERRED, null, error, after);
	}

	public enum Outcome {

		DELIVERED, RETRY, REJECTED, DEFERRED

	}

}
