package dev.beacon.gateway.pages;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The status pages the edge holds in memory, read with the caller's rights. A private
 * page the caller may not read is empty, exactly as a page that does not exist.
 */
public interface PublishedPages {

	/** The page at {@code slug} if the caller of {@code exchange} may read it. */
	Mono<PublishedPage> readableBySlug(String slug, ServerWebExchange exchange);

	/** The page whose host names include {@code host}, if the caller may read it. */
	Mono<PublishedPage> readableByHost(String host, ServerWebExchange exchange);

	/** Every later version of the application's page, as it arrives; never completes. */
	Flux<PublishedPage> changes(UUID applicationId);

}
