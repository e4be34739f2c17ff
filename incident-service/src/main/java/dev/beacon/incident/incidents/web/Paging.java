package dev.beacon.incident.incidents.web;

/**
 * A page of a list, newest first, from the {@code page} (from 0) and {@code size} query
 * parameters, each checked so a bad value answers 400 naming it.
 */
record Paging(long page, int size) {

	static final int DEFAULT_SIZE = 20;

	static final int MAX_SIZE = 100;

	static Paging of(String page, String size) {
		long number = parse("page", page, 0, Long.MAX_VALUE / MAX_SIZE, 0);
		long count = parse("size", size, 1, MAX_SIZE, DEFAULT_SIZE);
		return new Paging(number, (int) count);
	}

	private static long parse(String field, String value, long min, long max, long fallback) {
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		try {
			long parsed = Long.parseLong(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, naming the parameter
		}
		throw new InvalidFieldException(field, "must be a whole number from " + min + " to " + max);
	}

	/** The query of the next page. */
	String next() {
		return "?page=" + (this.page + 1) + "&size=" + this.size;
	}

}
