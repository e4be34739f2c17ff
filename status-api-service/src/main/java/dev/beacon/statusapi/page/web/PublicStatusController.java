package dev.beacon.statusapi.page.web;

import java.util.Optional;

import dev.beacon.security.ApplicationAccess;
import dev.beacon.statusapi.page.PublicPage;
import dev.beacon.statusapi.page.PublicPages;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public page's JSON; anyone may read a public page, a private one only with a token
 * for it.
 */
@RestController
class PublicStatusController {

	private final PublicPages pages;

	PublicStatusController(PublicPages pages) {
		this.pages = pages;
	}

	@GetMapping("/public/status/{slug}")
	Mono<PublicPage> page(@PathVariable String slug, @AuthenticationPrincipal Jwt jwt) {
		return this.pages.find(slug, Optional.ofNullable(jwt).map(ApplicationAccess::of));
	}

}
