package dev.beacon.collector.probe;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.security.outbound.GuardedHttpClients;
import dev.beacon.security.outbound.OutboundAddressGuard;
import dev.beacon.security.outbound.OutboundFailure;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.stereotype.Component;

/**
 * Sends one request to a target and reports what came back. A failure is data here, not
 * an error: every probe ends in a {@link ProbeResult}. The client is the guarded one,
 * which checks the address of every connection it opens (names and address literals
 * alike, and every hop of a redirect), so a target the SSRF guard refuses is never
 * reached. The error of a result is in the fixed words of {@link OutboundFailure} (plus
 * {@code Body mismatch}): it ends up on public pages, and exception messages name
 * internal hosts and addresses. The details are logged.
 * <p>
 * The latency is that of the HTTP exchange alone: from the request leaving to the
 * response's headers, without name resolution or the wait for a pooled connection.
 * Connections are pooled (keep-alive) in a pool of bounded size, apart from every other
 * client in the service.
 */
@Component
class HttpProber {

	static final String BODY_MISMATCH = "Body mismatch";

	private static final Logger logger = LoggerFactory.getLogger(HttpProber.class);

	private final HttpClient client;

	private final Clock clock = Clock.systemUTC();

	HttpProber(OutboundAddressGuard guard, CollectorProperties properties) {
		ConnectionProvider pool = ConnectionProvider.builder("probes")
			.maxConnections(properties.maxConcurrentProbes())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(55))
			.maxLifeTime(Duration.ofMinutes(10))
			.evictInBackground(Duration.ofSeconds(30))
			.build();
		this.client = GuardedHttpClients.create(guard, pool)
			.keepAlive(true)
			.headers((headers) -> headers.set("User-Agent", "Beacon-Probe/1"));
	}

	Mono<ProbeResult> probe(ProbeTarget target) {
		Instant startedAt = this.clock.instant();
		AtomicLong sentAt = new AtomicLong();
		AtomicLong answeredAt = new AtomicLong();
		AtomicReference<Integer> tlsDays = new AtomicReference<>();
		HttpClient exchange = this.client.followRedirect(target.followsRedirects())
			.headers((headers) -> target.headers().forEach(headers::set))
			.doOnRequest((request, connection) -> sentAt.compareAndSet(0, System.nanoTime()))
			.doOnResponse((response, connection) -> {
				answeredAt.set(System.nanoTime());
				tlsDays.set(daysToExpiry(connection));
			});
		return exchange.request(HttpMethod.valueOf(target.method()))
			.uri(target.url())
			.responseSingle((response, body) -> {
				int status = response.status().code();
				if (target.bodyContains() == null || !target.expectedStatuses().contains(status)) {
					return body.asByteArray()
						.then(Mono.fromSupplier(() -> result(startedAt, status, sentAt, answeredAt, null, tlsDays)));
				}
				return body.asString()
					.defaultIfEmpty("")
					.map((text) -> result(startedAt, status, sentAt, answeredAt,
							text.contains(target.bodyContains()) ? null : BODY_MISMATCH, tlsDays));
			})
			.timeout(target.timeout())
			.onErrorResume((failure) -> Mono.just(new ProbeResult(startedAt, null,
					(sentAt.get() != 0) ? millisSince(sentAt.get()) : null, describe(failure, target), null)));
	}

	private static ProbeResult result(Instant startedAt, int status, AtomicLong sentAt, AtomicLong answeredAt,
			String error, AtomicReference<Integer> tlsDays) {
		long latency = (answeredAt.get() - sentAt.get()) / 1_000_000;
		Map<String, Object> details = (tlsDays.get() != null) ? Map.of("tlsDaysToExpiry", tlsDays.get()) : null;
		return new ProbeResult(startedAt, status, Math.max(latency, 0), error, details);
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	/** Days until the server's certificate expires; null for plain HTTP. */
	private Integer daysToExpiry(Connection connection) {
		SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
		if (ssl == null) {
			return null;
		}
		try {
			Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
			if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
				return (int) Duration.between(this.clock.instant(), certificate.getNotAfter().toInstant()).toDays();
			}
		}
		catch (Exception ex) {
			logger.debug("No peer certificate: {}", ex.toString());
		}
		return null;
	}

	static String describe(Throwable failure, ProbeTarget target) {
		OutboundFailure kind = OutboundFailure.of(failure);
		logger.info("Probe of component {} failed ({}): {}", target.componentId(), kind.text(), failure.toString());
		return kind.text();
	}

}
