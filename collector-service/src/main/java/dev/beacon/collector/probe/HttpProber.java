package dev.beacon.collector.probe;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.beans.factory.DisposableBean;
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
class HttpProber implements DisposableBean {

	static final String BODY_MISMATCH = "Body mismatch";

	private static final Logger logger = LoggerFactory.getLogger(HttpProber.class);

	/** Follows redirects, and does not; built once, shared by every probe. */
	private final HttpClient redirecting;

	private final HttpClient direct;

	private final ConnectionProvider pool;

	private final Clock clock = Clock.systemUTC();

	HttpProber(OutboundAddressGuard guard, CollectorProperties properties) {
		this.pool = ConnectionProvider.builder("probes")
			.maxConnections(properties.maxConcurrentProbes())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(55))
			.maxLifeTime(Duration.ofMinutes(10))
			.evictInBackground(Duration.ofSeconds(30))
			.build();
		// a probe's timing travels in the subscriber context, so that the clients are
		// configured once here: each configuration call copies the whole client
		// configuration, which per probe was most of the scheduler thread's work
		HttpClient client = GuardedHttpClients.create(guard, this.pool)
			.keepAlive(true)
			.headers((headers) -> headers.set("User-Agent", "Beacon-Probe/1"))
			.doOnRequest((request, connection) -> timing(request.currentContextView()).sent())
			.doOnResponse((response, connection) -> timing(response.currentContextView()).answered(connection));
		this.redirecting = client.followRedirect(true);
		this.direct = client.followRedirect(false);
	}

	Mono<ProbeResult> probe(ProbeTarget target) {
		Timing timing = new Timing(this.clock.instant());
		HttpClient client = target.followsRedirects() ? this.redirecting : this.direct;
		if (!target.headers().isEmpty()) {
			client = client.headers((headers) -> target.headers().forEach(headers::set));
		}
		return client.request(HttpMethod.valueOf(target.method()))
			.uri(target.url())
			.responseSingle((response, body) -> {
				int status = response.status().code();
				if (target.bodyContains() == null || !target.expectedStatuses().contains(status)) {
					return body.asByteArray().then(Mono.fromSupplier(() -> timing.result(status, null)));
				}
				return body.asString()
					.defaultIfEmpty("")
					.map((text) -> timing.result(status, text.contains(target.bodyContains()) ? null : BODY_MISMATCH));
			})
			.timeout(target.timeout())
			.onErrorResume((failure) -> Mono.just(timing.failed(describe(failure, target))))
			.contextWrite(Context.of(Timing.class, timing));
	}

	/** Closes the pooled connections (the scheduler has stopped probing). */
	@Override
	public void destroy() {
		this.pool.dispose();
	}

	private static Timing timing(ContextView context) {
		return context.get(Timing.class);
	}

	/**
	 * One probe's timing: when the first request (of redirects) left, when the last
	 * answer's headers came, and that answer's certificate.
	 */
	private final class Timing {

		private final Instant startedAt;

		private volatile long sentAt;

		private volatile long answeredAt;

		private volatile Integer tlsDays;

		Timing(Instant startedAt) {
			this.startedAt = startedAt;
		}

		void sent() {
			if (this.sentAt == 0) {
				this.sentAt = System.nanoTime();
			}
		}

		void answered(Connection connection) {
			this.answeredAt = System.nanoTime();
			this.tlsDays = daysToExpiry(connection);
		}

		ProbeResult result(int status, String error) {
			long latency = (this.answeredAt - this.sentAt) / 1_000_000;
			Map<String, Object> details = (this.tlsDays != null) ? Map.of("tlsDaysToExpiry", this.tlsDays) : null;
			return new ProbeResult(this.startedAt, status, Math.max(latency, 0), error, details);
		}

		ProbeResult failed(String error) {
			long sent = this.sentAt;
			return new ProbeResult(this.startedAt, null, (sent != 0) ? (System.nanoTime() - sent) / 1_000_000 : null,
					error, null);
		}

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
