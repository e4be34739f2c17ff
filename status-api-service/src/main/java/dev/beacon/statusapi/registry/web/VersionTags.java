package dev.beacon.statusapi.registry.web;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.beacon.statusapi.registry.Precondition;

/**
 * An application's version as an entity tag ({@code ETag: "7"}), and the precondition an
 * {@code If-Match} header sets. A tag that is not one of ours, or a weak one, matches no
 * version (RFC 9110 compares If-Match strongly): the change is refused with 412.
 */
final class VersionTags {

	private static final Pattern TAG = Pattern.compile("\\s*\"([0-9]{1,18})\"\\s*");

	private VersionTags() {
	}

	static String of(long version) {
		return "\"" + version + "\"";
	}

	static Precondition ifMatch(String header) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return Precondition.none();
		}
		// a list matches when any of its tags does; tags that are not ours match nothing
		Set<Long> versions = new HashSet<>();
		for (String tag : header.split(",")) {
			Matcher matcher = TAG.matcher(tag);
			if (matcher.matches()) {
				versions.add(Long.parseLong(matcher.group(1)));
			}
		}
		return Precondition.versions(versions);
	}

}
