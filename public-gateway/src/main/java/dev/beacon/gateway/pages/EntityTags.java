package dev.beacon.gateway.pages;

import java.util.List;

/**
 * Conditional reads of the pages' representations, for the full stack and the fast path
 * alike.
 */
public final class EntityTags {

	private EntityTags() {
	}

	/**
	 * Whether {@code If-None-Match} (every value of the header) matches {@code etag}:
	 * weak comparison, as RFC 9110 asks for GET and HEAD; {@code *} matches any.
	 */
	public static boolean notModified(List<String> ifNoneMatch, String etag) {
		String opaque = opaque(etag);
		for (String header : ifNoneMatch) {
			for (String tag : header.split(",")) {
				String candidate = tag.strip();
				if (candidate.equals("*") || opaque(candidate).equals(opaque)) {
					return true;
				}
			}
		}
		return false;
	}

	private static String opaque(String tag) {
		return tag.startsWith("W/") ? tag.substring(2) : tag;
	}

}
