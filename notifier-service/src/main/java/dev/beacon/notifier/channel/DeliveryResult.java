package dev.beacon.notifier.channel;

/**
 * The outcome of one delivery attempt.
 *
 * @param outcome what happened
 * @param httpStatus the receiver's status code, when it answered
 * @param error why it failed, for the subscriber's owner to read; null on success
 */
public record DeliveryResult(Outcome outcome, Integer httpStatus, String error) {

	public static DeliveryResult delivered(Integer httpStatus) {
		return new DeliveryResult(Outcome.DELIVERED, httpStatus, null);
	}

	/** Failed, and a later attempt may succeed. */
	public static DeliveryResult retry(Integer httpStatus, String error) {
		return new DeliveryResult(Outcome.RETRY, httpStatus, error);
	}

	/** Failed, and no later attempt can succeed. */
	public static DeliveryResult rejected(String error) {
		return new DeliveryResult(Outcome.REJECTED, null, error);
	}

	public enum Outcome {

		DELIVERED, RETRY, REJECTED

	}

}
