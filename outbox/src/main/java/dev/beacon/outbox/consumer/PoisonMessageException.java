package dev.beacon.outbox.consumer;

/**
 * Thrown by a consumer for a message it can read but must refuse (it fails validation):
 * the message is dead-lettered at once, never retried.
 */
public class PoisonMessageException extends RuntimeException {

	public PoisonMessageException(String message) {
		super(message);
	}

}
