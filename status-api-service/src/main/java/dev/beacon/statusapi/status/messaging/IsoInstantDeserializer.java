package dev.beacon.statusapi.status.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Reads the instants of observations, as {@link Instant#toString()} writes them
 * ({@code 2026-11-29T05:39:00.123456Z}), without {@code DateTimeFormatter}: its parse was
 * close to half of the time spent reading an observation. Any other form (an offset, a
 * number, a leap second, a date that does not exist) is left to Jackson's own
 * deserializer, so the result, or the error, is the one it would give.
 */
class IsoInstantDeserializer extends ValueDeserializer<Instant> {

	private static final int SHORTEST = "2026-11-29T05:39:00Z".length();

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			Instant instant = parse(parser.getString());
			if (instant != null) {
				return instant;
			}
		}
		return InstantDeserializer.INSTANT.deserialize(parser, context);
	}

	/**
	 * The instant {@code text} writes as {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (one to nine
	 * digits of fraction), or null when it is written otherwise.
	 */
	static Instant parse(String text) {
		int length = text.length();
		if (length < SHORTEST || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
				|| text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int nanos = 0;
		if (length > SHORTEST) {
			int fraction = length - SHORTEST - 1;
			if (fraction < 1 || text.charAt(19) != '.') {
				return null;
			}
			nanos = digits(text, 20, fraction);
			if (nanos < 0) {
				return null;
			}
			for (int i = fraction; i < 9; i++) {
				nanos *= 10;
			}
		}
		long days;
		try {
			days = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
	}

	/** The number the {@code count} digits at {@code from} write, or -1. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
