package dev.beacon.notifier.web;

import java.util.UUID;

import dev.beacon.security.ApplicationAccess;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller may not see this application. The notifier does not know which applications
 * exist, and a caller must not learn it either: this answers 404, like an absent
 * resource.
 */
public class ApplicationNotFoundException extends RuntimeException {

	public ApplicationNotFoundException(UUID applicationId) {
		super("No application " + applicationId);
	}

	/**
	 * Runs {@code then} when the token lists the application, else fails with this
	 * exception.
	 */
	public static <T> Mono<T> unlessPermitted(Jwt jwt, UUID applicationId, Mono<T> then) {
		return ApplicationAccess.of(jwt).permits(applicationId) ? then
				: Mono.error(new ApplicationNotFoundException(applicationId));
	}

}
