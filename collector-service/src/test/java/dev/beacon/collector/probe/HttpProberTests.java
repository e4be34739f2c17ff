package dev.beacon.collector.probe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.security.outbound.OutboundAddressGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One probe against real HTTP servers on loopback, through the SSRF guard. */
class HttpProberTests {

	static LoopbackTargets targets;

	static HttpProber prober = new HttpProber(
			OutboundAddressGuard.allowing(LoopbackTargets.loopbackOnly(), "beacon.collector.allowed-networks"),
			new CollectorProperties(List.of(), 8, 1000, new CollectorProperties.Kubernetes(false, "",
					Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10))));

	@BeforeAll
	static void start() throws Exception {
		targets = new LoopbackTargets();
		// the first probe of a JVM loads and links Netty's client (seconds on a loaded
		// machine): done here, with time to spare, so that no test's timeout pays for it
		assertThat(probe(target(targets.url("/ok"), 30000)).block().httpStatus()).isEqualTo(200);
	}

	@AfterAll
	static void stop() {
		targets.close();
	}

	@Test
	void reportsAHealthyAnswerWithTheLatencyOfTheExchange() {
		ProbeResult result = probe(target(targets.url("/ok"), 1000)).block();
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.error()).isNull();
		assertThat(result.latencyMillis()).isBetween(0L, 1000L);
		assertThat(result.details()).isNull();
	}

	@Test
	void measuresASlowAnswer() {
		ProbeResult result = probe(target(targets.url("/slow"), 2000)).block();
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.latencyMillis()).isGreaterThanOrEqualTo(300L);
	}

	@Test
	void reportsAServerErrorAsItsStatus() {
		ProbeResult result = probe(target(targets.url("/fail"), 1000)).block();
		assertThat(result.httpStatus()).isEqualTo(503);
		assertThat(result.error()).isNull();
		assertThat(ProbeMetrics.outcomeOf(target(targets.url("/fail"), 1000), result)).isEqualTo("unexpected_status");
	}

	@Test
	void givesUpOnAHangingTargetAtItsTimeout() {
		long start = System.nanoTime();
		ProbeResult result = probe(target(targets.url("/hang"), 500)).block();
		assertThat(result.error()).isEqualTo("Timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void reportsARefusedConnection() throws Exception {
		ProbeResult result = probe(target("http://127.0.0.1:" + LoopbackTargets.refusedPort() + "/", 1000)).block();
		assertThat(result.error()).isEqualTo("Connection refused");
		assertThat(result.httpStatus()).isNull();
	}

	@Test
	void refusesACertificateNobodySigned(@TempDir Path directory) throws Exception {
		try (LoopbackTargets tls = LoopbackTargets.selfSignedTls(directory)) {
			// the first TLS handshake of a JVM sets up its SSL context: ample time for it
			ProbeResult result = probe(target(tls.url("/ok"), 10000)).block();
			assertThat(result.error()).isEqualTo("TLS error");
			assertThat(tls.requests("/ok")).isZero();
		}
	}

	/**
	 * The redirect points at [::1], outside the allowed 127.0.0.0/8: the guard refuses
	 * the hop before any connection to it is opened.
	 */
	@Test
	void followsRedirectsThroughTheGuardAndStopsAtARefusedAddress() throws Exception {
		targets.redirect("/moved", targets.url("/ok"));
		ProbeResult moved = probe(target(targets.url("/moved"), 1000)).block();
		assertThat(moved.httpStatus()).isEqualTo(200);

		targets.redirect("/to-internal", "http://[::1]:" + targets.port() + "/ok");
		ProbeResult refused = probe(target(targets.url("/to-internal"), 1000)).block();
		assertThat(refused.error()).isEqualTo("Target not allowed");
	}

	@Test
	void doesNotFollowARedirectThatIsItselfTheExpectedAnswer() {
		targets.redirect("/login", targets.url("/ok"));
		ProbeTarget expectsRedirect = new ProbeTarget(UUID.randomUUID(), UUID.randomUUID(),
				URI.create(targets.url("/login")), 302, Duration.ofSeconds(5), Duration.ofSeconds(1));
		assertThat(probe(expectsRedirect).block().httpStatus()).isEqualTo(302);
	}

	@Test
	void sendsTheMethodAndHeadersAndChecksTheBody() {
		ProbeTarget check = new ProbeTarget(UUID.randomUUID(), UUID.randomUUID(), URI.create(targets.url("/ok")), 200,
				Duration.ofSeconds(5), Duration.ofSeconds(1), "POST", Map.of("X-Probe", "beacon"), List.of(200),
				"all ok");
		assertThat(probe(check).block().error()).isNull();
		assertThat(targets.lastHeaders.get("/ok")).isEqualTo("POST beacon");

		ProbeTarget wrongBody = new ProbeTarget(UUID.randomUUID(), UUID.randomUUID(), URI.create(targets.url("/ok")),
				200, Duration.ofSeconds(5), Duration.ofSeconds(1), "GET", Map.of(), List.of(200), "version 2");
		ProbeResult result = probe(wrongBody).block();
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.error()).isEqualTo("Body mismatch");
	}

	private static reactor.core.publisher.Mono<ProbeResult> probe(ProbeTarget target) {
		return prober.probe(target);
	}

	static ProbeTarget target(String url, long timeoutMillis) {
		return new ProbeTarget(UUID.randomUUID(), UUID.randomUUID(), URI.create(url), 200, Duration.ofSeconds(5),
				Duration.ofMillis(timeoutMillis));
	}

}
