package dev.beacon.collector.probe;

import java.time.Instant;

import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.security.outbound.GuardedHttpClients;
import dev.beacon.security.outbound.OutboundAddressGuard;
import dev.beacon.security.outbound.OutboundFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends one GET to a target and reports what came back. A failure is data here, not an
 * error: every probe ends in a {@link ProbeResult}. The client is the guarded one, which
 * checks the address of every connection it opens (names and address literals alike), so
 * a target the SSRF guard refuses is never reached. The error of a result is in the fixed
 * words of {@link OutboundFailure}: it ends up on public pages, and exception messages
 * name internal hosts and addresses. The details are logged.
 */
@Component
class HttpProber {

	private static final Logger logger = LoggerFactory.getLogger(HttpProber.class);

	private final WebClient client;

	HttpProber(WebClient.Builder builder, OutboundAddressGuard guard) {
		this.client = builder.clientConnector(new ReactorClientHttpConnector(GuardedHttpClients.create(guard)))
			.defaultHeader("User-Agent", "Beacon-Probe/1")
			.build();
	}

	Mono<ProbeResult> probe(ProbeTarget target) {
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		return get(target, startedAt, start).onErrorResume((failure) -> Mono
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
		OutboundFailure kind = OutboundFailure.of(failure);
		logger.info("Probe of component {} failed ({}): {}", target.componentId(), kind.text(), failure.toString());
		return kind.text();
	}

}
