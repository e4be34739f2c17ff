package dev.beacon.gateway.html;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The page's pictures (daily bars, response-time charts, sparklines) depend on nothing
 * but the page's version, while its words (how long ago, for how long) change every
 * second. Each picture is drawn once per version and reused by every request until the
 * next one: most of the page's bytes, and most of the work of making them.
 */
final class Drawings {

	/** Two versions for each of many pages: the one shown and the one arriving. */
	private static final int CAPACITY = 4096;

	private static final Map<String, String> drawn = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > CAPACITY;
		}

	};

	private Drawings() {
	}

	/**
	 * The drawing named {@code key} in the page version {@code version}, drawn now if it
	 * is not yet; drawn every time when there is no version to tell them apart.
	 */
	static String of(String version, String key, Function<String, String> draw) {
		if (version == null) {
			return draw.apply(key);
		}
		String cacheKey = version + '\u0000' + key;
		synchronized (drawn) {
			String found = drawn.get(cacheKey);
			if (found != null) {
				return found;
			}
		}
		String drawing = draw.apply(key);
		synchronized (drawn) {
			drawn.put(cacheKey, drawing);
		}
		return drawing;
	}

}
