package dev.beacon.gateway.pages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.security.ApplicationAccess;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The pages of {@code beacon.pages.v1}, held in memory: the newest version of each
 * application's page, found by slug or host name. One writer (the topic's reader), any
 * number of readers. A private page the caller may not read is empty, found by the same
 * code path as a page that does not exist: the caller's rights are worked out for every
 * request, before the page is looked up.
 */
@Component
class MemoryPages implements PublishedPages, OpenReads {

	private static final ApplicationAccess NOBODY = new ApplicationAccess(java.util.Set.of(), false);

	private final Map<UUID, ServedPage> byId = new ConcurrentHashMap<>();

	private final Map<String, UUID> bySlug = new ConcurrentHashMap<>();

	private final Map<String, UUID> byHost = new ConcurrentHashMap<>();

	private final Map<String, UUID> byAppHost = new ConcurrentHashMap<>();

	private final Sinks.Many<PublishedPage> changes = Sinks.many().multicast().directBestEffort();

	/** Keeps {@code page} as its application's newest version. */
	void put(ServedPage served) {
		PublishedPage page = served.page();
		ServedPage previous = this.byId.put(page.applicationId(), served);
		if (previous != null) {
			unindex(previous.page());
		}
		this.bySlug.put(page.slug(), page.applicationId());
		page.hosts().forEach((host) -> this.byHost.put(host, page.applicationId()));
		page.appHosts().forEach((host) -> this.byAppHost.put(host, page.applicationId()));
		this.changes.tryEmitNext(page);
	}

	/** Forgets the application's page (a tombstone). */
	void remove(UUID applicationId) {
		ServedPage previous = this.byId.remove(applicationId);
		if (previous != null) {
			unindex(previous.page());
		}
	}

	private void unindex(PublishedPage page) {
		this.bySlug.remove(page.slug(), page.applicationId());
		page.hosts().forEach((host) -> this.byHost.remove(host, page.applicationId()));
		page.appHosts().forEach((host) -> this.byAppHost.remove(host, page.applicationId()));
	}

	int size() {
		return this.byId.size();
	}

	@Override
	public Mono<PublishedPage> readableBySlug(String slug, ServerWebExchange exchange) {
		return servedBySlug(slug, exchange).map(ServedPage::page);
	}

	@Override
	public Mono<PublishedPage> readableByHost(String host, ServerWebExchange exchange) {
		String name = normalized(host);
		return readable(exchange, () -> find(this.byHost, name).or(() -> find(this.byAppHost, name)))
			.map(ServedPage::page);
	}

	@Override
	public Flux<PublishedPage> changes(UUID applicationId) {
		return this.changes.asFlux().filter((page) -> page.applicationId().equals(applicationId));
	}

	Mono<ServedPage> servedBySlug(String slug, ServerWebExchange exchange) {
		return readable(exchange, () -> find(this.bySlug, slug));
	}

	/** The page a host name serves at {@code /}. */
	Mono<ServedPage> servedByHost(String host, ServerWebExchange exchange) {
		return readable(exchange, () -> find(this.byHost, normalized(host)));
	}

	/** The page an application's own host serves at {@code /status}. */
	Mono<ServedPage> servedByAppHost(String host, ServerWebExchange exchange) {
		return readable(exchange, () -> find(this.byAppHost, normalized(host)));
	}

	private Optional<ServedPage> find(Map<String, UUID> index, String key) {
		if (key == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(index.get(key)).map(this.byId::get);
	}

	private static Mono<ServedPage> readable(ServerWebExchange exchange,
			java.util.function.Supplier<Optional<ServedPage>> lookup) {
		return caller(exchange).flatMap((access) -> Mono.justOrEmpty(lookup.get()
			.filter((served) -> served.page().isPublic() || access.permits(served.page().applicationId()))));
	}

	private static Mono<ApplicationAccess> caller(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((token) -> ApplicationAccess.of(((JwtAuthenticationToken) token).getToken()))
			.defaultIfEmpty(NOBODY);
	}

	/**
	 * The paths of {@link PublicPageRoutes}, matched in its order, but only as spelled
	 * exactly: a slug or key that is not one held (encoded, dot segments, a trailing
	 * slash, …) finds nothing, and the full stack answers it.
	 */
	@Override
	public OpenRead find(String path, String host) {
		if (path.startsWith("/public/status/")) {
			return open(this.bySlug, path.substring(15), ServedPage.DOCUMENT);
		}
		if (path.startsWith("/status/")) {
			int slash = path.indexOf('/', 8);
			if (slash > 8) {
				String below = path.substring(slash + 1);
				if (below.startsWith("api/v2/") || below.equals("history.atom") || below.equals("history.rss")) {
					return open(this.bySlug, path.substring(8, slash), below);
				}
			}
			String below = path.substring(8);
			return isHostRead(below) ? open(this.byAppHost, normalized(host), below) : null;
		}
		String below = path.substring(1);
		return isHostRead(below) ? open(this.byHost, normalized(host), below) : null;
	}

	private static boolean isHostRead(String below) {
		return below.startsWith("api/v2/") || below.equals("history.atom") || below.equals("history.rss");
	}

	private OpenRead open(Map<String, UUID> index, String key, String rendition) {
		UUID id = (key != null) ? index.get(key) : null;
		ServedPage served = (id != null) ? this.byId.get(id) : null;
		return (served != null) ? served.openRead(rendition) : null;
	}

	/** A Host header's name: lower case, without port or trailing dot; null if empty. */
	static String normalized(String host) {
		if (host == null || host.isBlank()) {
			return null;
		}
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[")) {
			int end = name.indexOf(']');
			return (end > 0) ? name.substring(0, end + 1) : null;
		}
		int colon = name.indexOf(':');
		if (colon >= 0) {
			name = name.substring(0, colon);
		}
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		return name.isEmpty() ? null : name;
	}

	List<PublishedPage> all() {
		return this.byId.values().stream().map(ServedPage::page).toList();
	}

}
