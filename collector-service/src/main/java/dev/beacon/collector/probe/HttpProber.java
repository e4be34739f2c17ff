package dev.beacon.collector.probe;

import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.security.outbound.OutboundAddressGuard;
import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Sends one GET to a target and reports what came back. A failure is data here, not an
 * error: every probe ends in a {@link ProbeResult}. The SSRF guard checks the host before
 * the request (an address literal never reaches a resolver) and again in the client's
 * name resolution, so a name that re-resolves elsewhere is refused too.
 */
@Component
class HttpProber {

	private final WebClient client;

	private final OutboundAddressGuard guard;

	HttpProber(WebClient.Builder builder, OutboundAddressGuard guard) {
		HttpClient http = HttpClient.create().resolver(guard.resolverGroup());
		this.client = builder.clientConnector(new ReactorClientHttpConnector(http))
			.defaultHeader("User-Agent", "Beacon-Probe/1")
			.build();
		this.guard = guard;
	}

	Mono<ProbeResult> probe(ProbeTarget target) {
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		return Mono.fromCallable(() -> this.guard.resolve(target.url().getHost()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((addresses) -> get(target, startedAt, start))
			.onErrorResume((failure) -> Mono
				.just(new ProbeResult(startedAt, null, elapsedMillis(start), describe(failure, target))));
	}

	private Mono<ProbeResult> get(ProbeTarget target, Instant startedAt, long start) {
		return this.client.get()
			.uri(target.url())
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(new ProbeResult(startedAt, response.statusCode().value(), elapsedMillis(start), null)))
			.timeout(target.timeout());
	}

	private static long elapsedMillis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	static String describe(Throwable failure, ProbeTarget target) {
		Throwable cause = (failure instanceof WebClientRequestException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
			return "No answer within " + target.timeout().toMillis() + " ms";
		}
		if (cause instanceof ConnectException) {
			return "Connection refused";
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

}
