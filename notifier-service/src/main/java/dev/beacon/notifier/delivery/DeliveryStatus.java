package dev.beacon.notifier.delivery;

import java.util.Locale;

/** Where a delivery stands: pending until it is delivered or has failed for good. */
public enum DeliveryStatus {

	PENDING, DELIVERED, FAILED;

	/** As stored and shown: lowercase. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static DeliveryStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
