package dev.beacon.statusapi.registry.web;

import java.net.URI;
import java.util.UUID;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.Registry;
import jakarta.validation.Valid;
import jakarta.validation.groups.Default;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The registry's API: register, read, replace, merge-patch and delete an application.
 * Writes to an existing application honour {@code If-Match} with the {@code ETag} a read
 * answered (412 when it changed since). An application the token does not list answers
 * like one that does not exist.
 */
@RestController
@RequestMapping("/api/applications")
class ApplicationController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private final Registry registry;

	private final Documents documents;

	ApplicationController(Registry registry, Documents documents) {
		this.registry = registry;
		this.documents = documents;
	}

	@PostMapping
	Mono<ResponseEntity<ApplicationView>> register(
			@Validated({ Default.class,
					ApplicationRequest.Registration.class }) @RequestBody ApplicationRequest request,
			@AuthenticationPrincipal Jwt jwt) {
		if (!ApplicationAccess.of(jwt).permits(request.id())) {
			return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
					"The bearer token does not list application " + request.id()));
		}
		return this.registry.register(request.id(), request.toDefinition())
			.map((application) -> ResponseEntity.created(URI.create("/api/applications/" + application.id()))
				.eTag(VersionTags.of(application.version()))
				.body(ApplicationView.of(application)));
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<ApplicationView>> get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
		return permitted(id, jwt).then(this.registry.find(id)).map(ApplicationController::answer);
	}

	/** Replaces the application whole: components left out are removed. */
	@PutMapping("/{id}")
	Mono<ResponseEntity<ApplicationView>> replace(@PathVariable UUID id, @Valid @RequestBody ApplicationRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal Jwt jwt) {
		if (request.id() != null && !request.id().equals(id)) {
			return Mono.error(new InvalidFieldsException("id", "must be the id in the path, " + id));
		}
		return permitted(id, jwt)
			.then(this.registry.update(id, VersionTags.ifMatch(ifMatch), (current) -> request.toDefinition()))
			.map(ApplicationController::answer);
	}

	/**
	 * Applies a JSON Merge Patch (RFC 7396) to the application as {@code GET} shows it;
	 * the result must be a valid application, as for {@code PUT}.
	 */
	@PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
	Mono<ResponseEntity<ApplicationView>> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal Jwt jwt) {
		return permitted(id, jwt).then(this.registry.update(id, VersionTags.ifMatch(ifMatch), (current) -> {
			JsonNode merged = MergePatch.apply(this.documents.json().valueToTree(ApplicationView.of(current)), patch);
			if (!merged.isObject()) {
				throw new InvalidFieldsException("", "a merge patch of an application must be a JSON object");
			}
			ApplicationRequest request = this.documents.read(merged, ApplicationRequest.class);
			if (request.id() != null && !request.id().equals(id)) {
				throw new InvalidFieldsException("id", "cannot be changed");
			}
			return request.toDefinition();
		})).map(ApplicationController::answer);
	}

	/**
	 * Deletes the application: its page is gone at once, and the catalog's tombstone
	 * makes every service forget it.
	 */
	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@AuthenticationPrincipal Jwt jwt) {
		return permitted(id, jwt).then(this.registry.delete(id, VersionTags.ifMatch(ifMatch)))
			.thenReturn(ResponseEntity.noContent().build());
	}

	static Mono<Void> permitted(UUID id, Jwt jwt) {
		return ApplicationAccess.of(jwt).permits(id) ? Mono.empty() : Mono.error(new ApplicationNotFoundException(id));
	}

	static ResponseEntity<ApplicationView> answer(Application application) {
		return ResponseEntity.ok().eTag(VersionTags.of(application.version())).body(ApplicationView.of(application));
	}

}
