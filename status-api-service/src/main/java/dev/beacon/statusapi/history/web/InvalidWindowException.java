package dev.beacon.statusapi.history.web;

/** A history window other than 24h, 7d, 30d and 90d. */
class InvalidWindowException extends RuntimeException {

	InvalidWindowException(String given) {
		super((given == null) ? "window is required: one of 24h, 7d, 30d, 90d"
				: "window must be one of 24h, 7d, 30d, 90d");
	}

}
