package dev.beacon.notifier.subscriber.web;

import java.time.Duration;

/** A client asked more often than the public subscribe endpoint allows. */
class TooManyRequestsException extends RuntimeException {

	private final Duration retryAfter;

	TooManyRequestsException(Duration retryAfter) {
		super("Too many subscription requests from this address; try again later");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
