package dev.beacon.gateway.html;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.beacon.gateway.pages.PublishedPage;
import dev.beacon.gateway.pages.PublishedPages;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * The human side of a status page: the page itself, the part live updates swap in, the
 * embed, the badge and the widget script. Every one answers a page the caller may not
 * read exactly as a page that does not exist.
 */
@Component
class PageHandlers {

	static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

	private final PublishedPages pages;

	private final RenderedPages rendered;

	private final Clock clock;

	PageHandlers(PublishedPages pages, RenderedPages rendered, ObjectProvider<Clock> clock) {
		this.pages = pages;
		this.rendered = rendered;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	Mono<ServerResponse> page(ServerRequest request) {
		return html(request, bySlug(request), this.rendered::page);
	}

	Mono<ServerResponse> pageByHost(ServerRequest request) {
		String host = host(request);
		boolean root = request.path().equals("/");
		Mono<PublishedPage> page = this.pages.readableByHost(host, request.exchange())
			.filter((found) -> (root ? found.hosts() : found.appHosts()).contains(host))
			.switchIfEmpty(notFound());
		return html(request, page, this.rendered::page);
	}

	Mono<ServerResponse> content(ServerRequest request) {
		boolean embed = request.queryParam("view").filter("embed"::equals).isPresent();
		return html(request, bySlug(request), embed ? this.rendered::embedContent : this.rendered::content);
	}

	Mono<ServerResponse> embed(ServerRequest request) {
		return html(request, bySlug(request), this.rendered::embed);
	}

	Mono<ServerResponse> badge(ServerRequest request) {
		String label = request.queryParam("label")
			.filter((text) -> !text.isBlank() && text.length() <= 40)
			.orElse("status");
		return bySlug(request).flatMap((page) -> {
			PageView view = view(page);
			String message = "operational".equals(view.status()) ? "operational"
					: view.statusText().toLowerCase(Locale.ROOT);
			return ServerResponse.ok()
				.contentType(SVG)
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic())
				.bodyValue(Svg.badge(label, message, view.status()).getBytes(StandardCharsets.UTF_8));
		});
	}

	Mono<ServerResponse> widget(ServerRequest request) {
		return bySlug(request).flatMap((page) -> asset(request, Assets.get("widget.js")));
	}

	Mono<ServerResponse> asset(ServerRequest request) {
		Assets.Asset asset = Assets.get(request.pathVariable("file"));
		return (asset != null) ? asset(request, asset) : notFound();
	}

	private static Mono<ServerResponse> asset(ServerRequest request, Assets.Asset asset) {
		return request.checkNotModified(asset.etag())
			.switchIfEmpty(ServerResponse.ok()
				.contentType(asset.type())
				.eTag(asset.etag())
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
				.bodyValue(asset.bytes()));
	}

	Mono<PublishedPage> bySlug(ServerRequest request) {
		String slug = request.pathVariable("slug");
		return this.pages.readableBySlug(slug, request.exchange()).switchIfEmpty(notFound());
	}

	PageView view(PublishedPage page) {
		return this.rendered.view(page, this.clock.instant());
	}

	private Mono<ServerResponse> html(ServerRequest request, Mono<PublishedPage> page,
			BiFunction<PublishedPage, Instant, RenderedPages.Html> render) {
		boolean gzip = acceptsGzip(request.headers().header(HttpHeaders.ACCEPT_ENCODING));
		return page.flatMap((found) -> {
			RenderedPages.Html html = render.apply(found, this.clock.instant());
			ServerResponse.BodyBuilder answer = ServerResponse.ok()
				.contentType(HTML)
				// the page says how old its data is: always ask again
				.cacheControl(CacheControl.noCache())
				.varyBy(HttpHeaders.ACCEPT_ENCODING);
			if (gzip) {
				// compressed once per version and second, not once per request
				answer.header(HttpHeaders.CONTENT_ENCODING, "gzip");
			}
			return answer.bodyValue(gzip ? html.gzip() : html.bytes());
		});
	}

	/** Whether one of the {@code Accept-Encoding} headers accepts gzip (not with q=0). */
	static boolean acceptsGzip(List<String> acceptEncoding) {
		for (String header : acceptEncoding) {
			for (String coding : header.split(",")) {
				String[] parts = coding.split(";");
				if (parts[0].strip().equalsIgnoreCase("gzip")) {
					return !(parts.length > 1 && parts[1].replace(" ", "").matches("(?i)q=0(\\.0{0,3})?"));
				}
			}
		}
		return false;
	}

	private static String host(ServerRequest request) {
		InetSocketAddress host = request.headers().host();
		return (host != null) ? host.getHostString().toLowerCase(Locale.ROOT) : "";
	}

	static <T> Mono<T> notFound() {
		return Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
