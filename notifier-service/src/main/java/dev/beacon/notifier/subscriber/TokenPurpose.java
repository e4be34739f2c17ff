package dev.beacon.notifier.subscriber;

import java.util.Locale;

/** What a link token may do: one thing only. */
public enum TokenPurpose {

	CONFIRM, UNSUBSCRIBE;

	/** As stored. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
