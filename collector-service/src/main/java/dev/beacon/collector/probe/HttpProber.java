package dev.beacon.collector.probe;

import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.security.OutboundAddressGuard;
import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Sends one GET to a target and reports what came back. A failure is data here, not an error:
 * every probe ends in a {@link ProbeResult}.
 */
@Component
class HttpProber {

	private final WebClient client;

	private final OutboundAddressGuard guard;

	HttpProber(WebClient.Builder builder, OutboundAddressGuard guard) {
		this.client = builder.defaultHeader("User-Agent", "Beacon-Probe/1").build();
		this.guard = guard;
	}

	Mono<ProbeResult> probe(ProbeTarget target) {
		Instant startedAt = Instant.now();
		return Mono.fromCallable(() -> this.guard.refusal(target.url()))
			.subscribeOn(Schedulers.boundedElastic())
			.map((refusal) -> new ProbeResult(startedAt, null, null, refusal))
			.switchIfEmpty(Mono.defer(() -> get(target, startedAt)));
	}

	private Mono<ProbeResult> get(ProbeTarget target, Instant startedAt) {
		long start = System.nanoTime();
		return this.client.get()
			.uri(target.url())
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(new ProbeResult(startedAt, response.statusCode().value(), elapsedMillis(start), null)))
			.timeout(target.timeout())
			.onErrorResume((failure) -> Mono.just(new ProbeResult(startedAt, null, elapsedMillis(start),
					describe(failure, target))));
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
