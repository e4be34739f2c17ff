package dev.beacon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole public page of one application as it is now, published on
 * {@link Topics#PAGES} whenever anything on it changed and at least every minute. The
 * newest value per application is all a consumer needs; a deleted or disabled page is a
 * tombstone (null value).
 *
 * @param eventId this publication's id
 * @param occurredAt when it was made
 * @param applicationId the application (also the record's key)
 * @param slug the page's address, {@code /status/{slug}}
 * @param isPublic whether anyone may read it; otherwise only a token that lists the
 * application (or has {@code beacon:admin})
 * @param hosts lower-case host names that serve the page at {@code /}
 * ({@code status.{app-host}} and the custom domain)
 * @param appHosts the application's own host names, which serve the page at
 * {@code /status}
 * @param document the public page document (a JSON object, described in status-api's
 * README), exactly as {@code GET /public/status/{slug}} serves it
 */
public record PagePublished(UUID eventId, Instant occurredAt, UUID applicationId, String slug,
		@JsonProperty("isPublic") boolean isPublic, List<String> hosts, List<String> appHosts,
		Object document) implements BeaconEvent {
}
