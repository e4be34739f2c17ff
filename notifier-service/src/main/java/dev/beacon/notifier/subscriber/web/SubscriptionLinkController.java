package dev.beacon.notifier.subscriber.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.beacon.notifier.catalog.PublicLinks;
import dev.beacon.notifier.subscriber.SubscriptionLinks;
import dev.beacon.notifier.subscriber.SubscriptionLinks.LinkedPage;
import dev.beacon.notifier.subscriber.TokenPurpose;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The links in mails. A GET only shows a page with a button (mail scanners open links;
 * opening one must change nothing); the button POSTs. A POST to the unsubscribe link is
 * also RFC 8058's one-click unsubscribe that mail clients send themselves. Bad, unknown
 * and expired tokens answer problem+json (400, 404, 410).
 */
@RestController
@RequestMapping("/public/subscriptions")
class SubscriptionLinkController {

	private final SubscriptionLinks links;

	private final PublicLinks publicLinks;

	private final LinkPages pages = new LinkPages();

	SubscriptionLinkController(SubscriptionLinks links, PublicLinks publicLinks) {
		this.links = links;
		this.publicLinks = publicLinks;
	}

	@GetMapping("/confirm/{token}")
	Mono<ResponseEntity<String>> confirmPage(@PathVariable String token) {
		return this.links.check(token, TokenPurpose.CONFIRM)
			.map((page) -> html("confirm", page, Map.of("action", "/public/subscriptions/confirm/" + token)));
	}

	@PostMapping("/confirm/{token}")
	Mono<ResponseEntity<String>> confirm(@PathVariable String token) {
		return this.links.confirm(token).map((page) -> html("confirmed", page, Map.of()));
	}

	@GetMapping("/unsubscribe/{token}")
	Mono<ResponseEntity<String>> unsubscribePage(@PathVariable String token) {
		return this.links.check(token, TokenPurpose.UNSUBSCRIBE)
			.map((page) -> html("unsubscribe", page, Map.of("action", "/public/subscriptions/unsubscribe/" + token)));
	}

	/**
	 * The button's POST, and RFC 8058's one-click POST (body List-Unsubscribe=One-Click).
	 */
	@PostMapping("/unsubscribe/{token}")
	Mono<ResponseEntity<String>> unsubscribe(@PathVariable String token) {
		return this.links.unsubscribe(token).map((page) -> html("unsubscribed", page, Map.of()));
	}

	private ResponseEntity<String> html(String template, LinkedPage page, Map<String, String> extra) {
		Map<String, Object> context = new HashMap<>(extra);
		context.put("pageName", page.name());
		context.put("pageUrl", (page.slug() != null) ? this.publicLinks.page(page.slug()) : null);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.header("Referrer-Policy", "no-referrer")
			.body(this.pages.render(template, context));
	}

}
