package dev.beacon.gateway.pages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One version of a status page as status-api published it on {@code beacon.pages.v1}: the
 * public page document, parsed and pre-serialized, with what the edge needs to route and
 * guard it.
 *
 * @param applicationId the application the page belongs to
 * @param slug the page's address
 * @param isPublic whether anyone may read it; a private page is readable only with a
 * token that lists the application or has {@code beacon:admin}
 * @param hosts the host names that serve the page at {@code /} (status.{app-url} and the
 * custom domain), lower case
 * @param appHosts the application's own host names, which serve the page at
 * {@code /status}
 * @param document the public page document
 * @param json the document's bytes, as served
 * @param etag the strong entity tag of {@code json}, quoted
 * @param generatedAt when status-api made this version
 */
public record PublishedPage(UUID applicationId, String slug, boolean isPublic, List<String> hosts,
		List<String> appHosts, JsonNode document, byte[] json, String etag, Instant generatedAt) {

}
