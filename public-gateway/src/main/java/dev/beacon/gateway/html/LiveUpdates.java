package dev.beacon.gateway.html;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import dev.beacon.gateway.pages.PublishedPage;
import dev.beacon.gateway.pages.PublishedPages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * Each new version of a page, pushed as its public page document: over a WebSocket
 * ({@code /status/{slug}/live}) or as Server-Sent Events ({@code /status/{slug}/events}).
 * A stream starts with the version held now, so a client that reconnects misses nothing,
 * and ends when the page becomes one the caller may not read.
 */
@Component
class LiveUpdates {

	/** Comments on the event stream keep proxies from closing an idle connection. */
	static final Duration HEARTBEAT = Duration.ofSeconds(20);

	private final PageHandlers handlers;

	private final PublishedPages pages;

	private final WebSocketService webSockets = new HandshakeWebSocketService();

	LiveUpdates(PageHandlers handlers, PublishedPages pages) {
		this.handlers = handlers;
		this.pages = pages;
	}

	Mono<ServerResponse> events(ServerRequest request) {
		return this.handlers.bySlug(request).flatMap((page) -> {
			Flux<ServerSentEvent<String>> documents = documents(page, request)
				.map((json) -> ServerSentEvent.builder(json).event("page").build());
			Flux<ServerSentEvent<String>> heartbeats = Flux.interval(HEARTBEAT)
				.map((tick) -> ServerSentEvent.<String>builder().comment("").build());
			// heartbeats stop when the documents end (the page became unreadable)
			Flux<ServerSentEvent<String>> stream = documents
				.publish((shared) -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())));
			return ServerResponse.ok()
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.header("X-Accel-Buffering", "no")
				.body(stream, ServerSentEvent.class);
		});
	}

	Mono<ServerResponse> webSocket(ServerRequest request) {
		// the upgrade answers the request itself: no ServerResponse follows it
		return this.handlers.bySlug(request)
			.flatMap((page) -> this.webSockets.handleRequest(request.exchange(),
					(session) -> send(session, page, request)))
			.then(Mono.empty());
	}

	private Mono<Void> send(WebSocketSession session, PublishedPage page, ServerRequest request) {
		Mono<Void> closed = session.receive().then();
		return session.send(documents(page, request).map(session::textMessage).takeUntilOther(closed));
	}

	private Flux<String> documents(PublishedPage current, ServerRequest request) {
		Flux<PublishedPage> later = this.pages.changes(current.applicationId())
			.concatMap((next) -> next.isPublic() ? Mono.just(Optional.of(next))
					: this.pages.readableBySlug(next.slug(), request.exchange())
						.map(Optional::of)
						.defaultIfEmpty(Optional.empty()))
			.takeWhile(Optional::isPresent)
			.map(Optional::get);
		return Flux.merge(Mono.just(current), later)
			.map((version) -> new String(version.json(), StandardCharsets.UTF_8));
	}

}
