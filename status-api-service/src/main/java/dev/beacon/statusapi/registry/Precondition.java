package dev.beacon.statusapi.registry;

import java.util.Set;

/**
 * The versions a change was made against ({@code If-Match}); a change when the current
 * version is none of them is refused, so that two editors cannot silently overwrite each
 * other.
 *
 * @param versions the admitted versions, or null when any version will do
 */
public record Precondition(Set<Long> versions) {

	private static final Precondition NONE = new Precondition(null);

	public Precondition {
		versions = (versions != null) ? Set.copyOf(versions) : null;
	}

	/** No expectation: the change applies to whatever is current. */
	public static Precondition none() {
		return NONE;
	}

	/** Admits only these versions; none at all admits nothing. */
	public static Precondition versions(Set<Long> versions) {
		return new Precondition(versions);
	}

	boolean admits(long current) {
		return this.versions == null || this.versions.contains(current);
	}

}
