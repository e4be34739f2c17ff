package dev.beacon.statusapi.history;

import java.util.Arrays;
import java.util.Optional;

/**
 * The spans uptime is given for. {@code 24h} is the current hour so far and the 23 hours
 * (UTC) before it; {@code 7d}, {@code 30d} and {@code 90d} are today so far and the 6, 29
 * or 89 days before it, cut at midnight in the page's time zone: exactly the days the
 * daily bars show, so the 90-day figure is what the 90 bars add up to.
 */
public enum Window {

	H24("24h", 24, false), D7("7d", 7, true), D30("30d", 30, true), D90("90d", 90, true);

	private final String key;

	private final int buckets;

	private final boolean daily;

	Window(String key, int buckets, boolean daily) {
		this.key = key;
		this.buckets = buckets;
		this.daily = daily;
	}

	/** How the window is named in the API and the page: {@code 24h}, {@code 7d}, … */
	public String key() {
		return this.key;
	}

	/** Hours (for 24h) or days in the window, the current one included. */
	public int buckets() {
		return this.buckets;
	}

	/** Whether the window is made of days (else of hours). */
	public boolean daily() {
		return this.daily;
	}

	public static Optional<Window> byKey(String key) {
		return Arrays.stream(values()).filter((window) -> window.key.equals(key)).findFirst();
	}

}
