package dev.beacon.statusapi.registry.web;

import java.util.UUID;

import dev.beacon.statusapi.registry.InvalidApplicationException;
import dev.beacon.statusapi.registry.Registry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/applications/{id}/status-page}: the page's configuration document, in
 * JSON or YAML, applied whole. Applying the same document again changes nothing (same
 * version, nothing published).
 */
@RestController
class StatusPageController {

	/** Larger documents are refused unread (413). */
	static final int MAX_DOCUMENT_BYTES = 256 * 1024;

	private static final MediaType[] YAML = { MediaType.APPLICATION_YAML,
			MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml") };

	private final Registry registry;

	private final Documents documents;

	StatusPageController(Registry registry, Documents documents) {
		this.registry = registry;
		this.documents = documents;
	}

	@PutMapping(path = "/api/applications/{id}/status-page", consumes = { MediaType.APPLICATION_JSON_VALUE,
			MediaType.APPLICATION_YAML_VALUE, "application/x-yaml", "text/yaml" })
	Mono<ResponseEntity<ApplicationView>> apply(@PathVariable UUID id, ServerHttpRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal Jwt jwt) {
		if (request.getHeaders().getContentLength() > MAX_DOCUMENT_BYTES) {
			return Mono.error(new DocumentTooLargeException(MAX_DOCUMENT_BYTES));
		}
		boolean yaml = isYaml(request.getHeaders().getContentType());
		return ApplicationController.permitted(id, jwt)
			.then(DataBufferUtils.join(request.getBody(), MAX_DOCUMENT_BYTES))
			.onErrorMap(DataBufferLimitException.class, (ex) -> new DocumentTooLargeException(MAX_DOCUMENT_BYTES))
			.map(StatusPageController::bytes)
			.switchIfEmpty(Mono.error(() -> new InvalidFieldsException("", "the document is empty")))
			.map((bytes) -> {
				JsonNode tree = yaml ? this.documents.parseYaml(bytes) : this.documents.parse(bytes);
				return this.documents.read(tree, StatusPageDocument.class);
			})
			.flatMap((document) -> this.registry.update(id, VersionTags.ifMatch(ifMatch), document::applyTo))
			.onErrorMap(InvalidApplicationException.class,
					(ex) -> new InvalidApplicationException(ex.field().replaceFirst("^page\\.", "statusPage."),
							ex.getMessage()))
			.map(ApplicationController::answer);
	}

	private static boolean isYaml(MediaType type) {
		for (MediaType candidate : YAML) {
			if (candidate.isCompatibleWith(type)) {
				return true;
			}
		}
		return false;
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
