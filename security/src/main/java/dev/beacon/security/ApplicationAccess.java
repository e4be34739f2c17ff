package dev.beacon.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Which applications a caller may read and change, from its token: the
 * {@code applications} claim lists application ids; the scope {@code beacon:admin} grants
 * all of them.
 */
public record ApplicationAccess(Set<UUID> applications, boolean admin) {

	public static final String APPLICATIONS_CLAIM = "applications";

	public static final String ADMIN_SCOPE = "beacon:admin";

	public static ApplicationAccess of(Jwt jwt) {
		List<String> ids = jwt.getClaimAsStringList(APPLICATIONS_CLAIM);
		Set<UUID> applications = (ids != null) ? ids.stream()
			.filter(ApplicationAccess::isUuid)
			.map(UUID::fromString)
			.collect(Collectors.toUnmodifiableSet()) : Set.of();
		String scope = jwt.getClaimAsString("scope");
		boolean admin = scope != null && Set.of(scope.split(" ")).contains(ADMIN_SCOPE);
		return new ApplicationAccess(applications, admin);
	}

	public boolean permits(UUID applicationId) {
		return this.admin || this.applications.contains(applicationId);
	}

	private static boolean isUuid(String value) {
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
