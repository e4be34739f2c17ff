package dev.beacon.gateway.pages;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Answers public reads from memory: the page's pre-serialized bytes with a strong
 * {@code ETag} (304 when {@code If-None-Match} matches), {@code Cache-Control} for a
 * public or private page, {@code Last-Modified} and {@code Beacon-Data-Age} (seconds
 * since status-api made this version: how old the data is, whether or not status-api is
 * up). A page that does not exist and a private page the caller may not read get the very
 * same 404.
 */
@Component
class PublicPageHandler {

	static final String DATA_AGE = "Beacon-Data-Age";

	static final String PUBLIC = "public, max-age=5";

	static final String PRIVATE = "private, no-store";

	private final MemoryPages pages;

	PublicPageHandler(MemoryPages pages) {
		this.pages = pages;
	}

	/** {@code /public/status/{slug}}: the page document. */
	Mono<ServerResponse> document(ServerRequest request) {
		return serve(request, this.pages.servedBySlug(request.pathVariable("slug"), request.exchange()),
				ServedPage.DOCUMENT, false);
	}

	/** {@code /status/{slug}/api/v2/…} and {@code /status/{slug}/history.*}. */
	Mono<ServerResponse> bySlug(ServerRequest request) {
		String below = below(request.path(), "/status/" + request.pathVariable("slug") + "/");
		return serve(request, this.pages.servedBySlug(request.pathVariable("slug"), request.exchange()), below,
				below.startsWith("api/"));
	}

	/**
	 * {@code /api/v2/…} and {@code /history.*} on a page's own host (status.{app-host} or
	 * its custom domain); {@code /status/api/v2/…} and {@code /status/history.*} on the
	 * application's host.
	 */
	Mono<ServerResponse> byHost(ServerRequest request) {
		String host = request.headers().firstHeader(HttpHeaders.HOST);
		String path = request.path();
		if (path.startsWith("/status/")) {
			String below = below(path, "/status/");
			return serve(request, this.pages.servedByAppHost(host, request.exchange()), below,
					below.startsWith("api/"));
		}
		String below = below(path, "/");
		return serve(request, this.pages.servedByHost(host, request.exchange()), below, below.startsWith("api/"));
	}

	private static String below(String path, String prefix) {
		return path.startsWith(prefix) ? path.substring(prefix.length()) : "";
	}

	private Mono<ServerResponse> serve(ServerRequest request, Mono<ServedPage> page, String rendition,
			boolean statuspage) {
		return page.flatMap((served) -> {
			Rendition body = served.rendition(rendition);
			return (body != null) ? respond(request, served, body) : Mono.empty();
		}).switchIfEmpty(Mono.defer(() -> notFound(request, statuspage)));
	}

	private static Mono<ServerResponse> respond(ServerRequest request, ServedPage served, Rendition body) {
		PublishedPage page = served.page();
		long age = Math.max(0, Duration.between(page.generatedAt(), Instant.now()).toSeconds());
		String cacheControl = page.isPublic() ? PUBLIC : PRIVATE;
		if (EntityTags.notModified(request.headers().header(HttpHeaders.IF_NONE_MATCH), body.etag())) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED)
				.header(HttpHeaders.ETAG, body.etag())
				.header(HttpHeaders.CACHE_CONTROL, cacheControl)
				.header(DATA_AGE, Long.toString(age))
				.build();
		}
		return ServerResponse.ok()
			.contentType(body.type())
			.header(HttpHeaders.ETAG, body.etag())
			.header(HttpHeaders.CACHE_CONTROL, cacheControl)
			.header(DATA_AGE, Long.toString(age))
			.lastModified(page.generatedAt())
			.bodyValue(body.body());
	}

	/**
	 * The one 404 of public reads; the Statuspage API's carries {@code error} as well,
	 * the member its clients read.
	 */
	static Mono<ServerResponse> notFound(ServerRequest request, boolean statuspage) {
		// no instance member: the answer is the same for every page that cannot be read
		String body = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
				+ "\"detail\":\"No such page\"" + (statuspage ? ",\"error\":\"Not Found\"" : "") + "}";
		return ServerResponse.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyValue(body.getBytes(StandardCharsets.UTF_8));
	}

}
