package dev.beacon.gateway.html;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.gateway.pages.PublishedPage;
import dev.beacon.gateway.pages.PublishedPages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.server.ServerWebExchange;

/**
 * The edge's page store for the page's tests: the versions a test publishes, with the
 * contract's rule that a private page is empty to a caller without rights (these tests
 * never carry any). The Kafka-fed store is the edge's own (issue 9) and tested there.
 */
class InMemoryPublishedPages implements PublishedPages {

	private final Map<String, PublishedPage> bySlug = new ConcurrentHashMap<>();

	private final Map<UUID, Sinks.Many<PublishedPage>> changes = new ConcurrentHashMap<>();

	synchronized void publish(PublishedPage page) {
		this.bySlug.values().removeIf((held) -> held.applicationId().equals(page.applicationId()));
		this.bySlug.put(page.slug(), page);
		sink(page.applicationId()).emitNext(page, Sinks.EmitFailureHandler.FAIL_FAST);
	}

	@Override
	public Mono<PublishedPage> readableBySlug(String slug, ServerWebExchange exchange) {
		return Mono.justOrEmpty(this.bySlug.get(slug)).filter(PublishedPage::isPublic);
	}

	@Override
	public Mono<PublishedPage> readableByHost(String host, ServerWebExchange exchange) {
		return Mono
			.justOrEmpty(this.bySlug.values()
				.stream()
				.filter((page) -> page.hosts().contains(host) || page.appHosts().contains(host))
				.findFirst())
			.filter(PublishedPage::isPublic);
	}

	@Override
	public Flux<PublishedPage> changes(UUID applicationId) {
		return sink(applicationId).asFlux();
	}

	private Sinks.Many<PublishedPage> sink(UUID applicationId) {
		return this.changes.computeIfAbsent(applicationId, (id) -> Sinks.many().multicast().directBestEffort());
	}

}
