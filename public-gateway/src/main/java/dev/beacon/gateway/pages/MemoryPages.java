package dev.beacon.gateway.pages;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.security.ApplicationAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The pages of {@code beacon.pages.v1}, held in memory: the newest version of each
 * application's page, found by slug or host name. One writer (the topic's reader), any
 * number of readers. A private page the caller may not read is empty, found by the same
 * code path as a page that does not exist: the caller's rights are worked out for every
 * request, before the page is looked up. While {@link PagesFreshness} says the pages may
 * no longer be current, every page is served with its components' statuses unknown (and
 * live readers get that version, then the true one once heartbeats are back).
 */
@Component
class MemoryPages implements PublishedPages, OpenReads, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(MemoryPages.class);

	static final Duration FRESHNESS_CHECK = Duration.ofSeconds(1);

	private static final ApplicationAccess NOBODY = new ApplicationAccess(java.util.Set.of(), false);

	private final Map<UUID, ServedPage> byId = new ConcurrentHashMap<>();

	private final Map<String, UUID> bySlug = new ConcurrentHashMap<>();

	private final Map<String, UUID> byHost = new ConcurrentHashMap<>();

	private final Map<String, UUID> byAppHost = new ConcurrentHashMap<>();

	private final Sinks.Many<PublishedPage> changes = Sinks.many().multicast().directBestEffort();

	/**
	 * Per application, the unknown-status version of its current page, made when first
	 * needed.
	 */
	private final Map<UUID, Unknown> unknown = new ConcurrentHashMap<>();

	/** Live readers per application: only their pages are pushed when freshness flips. */
	private final Map<UUID, Integer> watched = new ConcurrentHashMap<>();

	private final PagesFreshness freshness;

	private final PageRenderer renderer;

	/**
	 * Not current at first: pages read before the topic's end are served unknown, so live
	 * readers get them again once the pages are loaded.
	 */
	private volatile boolean wasCurrent;

	private volatile Disposable watching;

	MemoryPages(PagesFreshness freshness, PageRenderer renderer) {
		this.freshness = freshness;
		this.renderer = renderer;
	}

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
		this.changes.tryEmitNext(current(served).page());
	}

	/** Forgets the application's page (a tombstone). */
	void remove(UUID applicationId) {
		ServedPage previous = this.byId.remove(applicationId);
		this.unknown.remove(applicationId);
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
		return this.changes.asFlux()
			.filter((page) -> page.applicationId().equals(applicationId))
			.doOnSubscribe((subscription) -> this.watched.merge(applicationId, 1, Integer::sum))
			.doFinally((signal) -> this.watched.computeIfPresent(applicationId,
					(id, readers) -> (readers > 1) ? readers - 1 : null));
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
		return Optional.ofNullable(index.get(key)).map(this.byId::get).map(this::current);
	}

	/** The page as it may be served now: itself, or its unknown-status version. */
	private ServedPage current(ServedPage served) {
		if (this.freshness.current()) {
			return served;
		}
		return this.unknown
			.compute(served.page().applicationId(),
					(id, made) -> (made != null && made.of() == served) ? made
							: new Unknown(served, this.renderer.unknown(served, this.freshness.lastHeartbeat())))
			.page();
	}

	@Override
	public void start() {
		this.watching = Flux.interval(FRESHNESS_CHECK, FRESHNESS_CHECK).subscribe((tick) -> pushWhenFreshnessFlips());
	}

	/**
	 * Live readers get each page again when the pages turn unknown, and when they are
	 * current again.
	 */
	private void pushWhenFreshnessFlips() {
		boolean current = this.freshness.current();
		if (current == this.wasCurrent) {
			return;
		}
		this.wasCurrent = current;
		if (current) {
			this.unknown.clear();
			logger.info("Pages are current: served as published");
		}
		else if (this.freshness.isLoaded()) {
			logger.warn("No heartbeat from status-api since {}: pages are served with their statuses unknown",
					this.freshness.lastHeartbeat());
		}
		this.watched.keySet()
			.stream()
			.map(this.byId::get)
			.filter(java.util.Objects::nonNull)
			.forEach((served) -> this.changes.tryEmitNext(current(served).page()));
	}

	@Override
	public void stop() {
		Disposable current = this.watching;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.watching;
		return current != null && !current.isDisposed();
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
		return (served != null) ? current(served).openRead(rendition) : null;
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

	/** The unknown-status version made of a page version. */
	private record Unknown(ServedPage of, ServedPage page) {
	}

}
