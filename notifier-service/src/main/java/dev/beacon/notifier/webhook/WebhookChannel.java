package dev.beacon.notifier.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.beacon.notifier.channel.DeliveryResult;
import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.Notification;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.security.outbound.GuardedHttpClients;
import dev.beacon.security.outbound.OutboundAddressGuard;
import dev.beacon.security.outbound.OutboundFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Webhooks: an HTTP POST of the JSON payload, signed with {@link WebhookSignature}. Every
 * request to a receiver is sent from here, through its host's lane ({@link HostLanes}):
 * at most {@code per-host-concurrency} requests at once (a busy host defers the delivery
 * without counting an attempt), and a circuit breaker that stops calling a host that
 * keeps failing (the attempt fails at once, "Circuit open"). The client is the security
 * module's guarded one: the address of every connection is checked right before it is
 * opened, host names and address literals alike. Redirects are not followed (they count
 * as failures).
 * <p>
 * What a refusal says depends on who reads it: the subscribe endpoint answers in the
 * fixed words of {@link OutboundFailure} (naming the address a host resolves to would let
 * a tenant map the platform's internal DNS); the log and the owner's authenticated
 * delivery history keep the details.
 */
@Component
class WebhookChannel implements NotificationChannel, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(WebhookChannel.class);

	static final String TYPE = "webhook";

	static final String USER_AGENT = "Beacon-Webhook/1";

	static final String CIRCUIT_OPEN = "Circuit open: the receiver's host failed repeatedly, so it was not called";

	private final OutboundAddressGuard guard;

	private final Duration timeout;

	private final ConnectionProvider connections;

	private final WebClient client;

	private final Clock clock;

	private final HostLanes lanes;

	private final Duration openFor;

	@Autowired
	WebhookChannel(TargetNetworkProperties networks, WebhookProperties properties) {
		this(networks.guard(), properties, Clock.systemUTC());
	}

	WebhookChannel(OutboundAddressGuard guard, WebhookProperties properties, Clock clock) {
		this.guard = guard;
		this.timeout = properties.timeout();
		this.clock = clock;
		this.openFor = properties.breakerOpenFor();
		this.lanes = new HostLanes(properties.perHostConcurrency(), properties.breakerFailureRate(),
				properties.breakerMinimumCalls(), properties.breakerOpenFor());
		Duration connectTimeout = properties.connectTimeout();
		this.connections = ConnectionProvider.builder("webhooks")
			.maxConnections(properties.maxConnections())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient http = GuardedHttpClients.create(guard, this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
			.responseTimeout(timeout)
			.followRedirect(false);
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Mono<Void> checkTarget(String target) {
		return Mono.fromCallable(() -> {
			URI uri = parse(target);
			if (uri == null) {
				throw new InvalidTargetException("url",
						"must be an absolute http or https URL with a host, and a port from 1 to 65535 if any");
			}
			try {
				this.guard.resolve(uri.getHost());
			}
			catch (UnknownHostException ex) {
				OutboundFailure kind = OutboundFailure.of(ex);
				// the details name the host; like targets, they stay out of ordinary logs
				logger.debug("Refused a webhook target ({}): {}", kind.text(), ex.getMessage());
				throw new InvalidTargetException("url", kind.text());
			}
			return null;
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public String lane(Notification notification) {
		URI uri = parse(notification.target());
		return (uri != null) ? TYPE + " " + hostAndPort(uri) : TYPE;
	}

	private static String hostAndPort(URI uri) {
		return uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
	}

	@Override
	public Mono<DeliveryResult> send(Notification notification) {
		URI uri = parse(notification.target());
		if (uri == null) {
			return Mono.just(DeliveryResult.rejected("The webhook URL is not an absolute http or https URL"));
		}
		HostLanes.Lane lane = this.lanes.lane(hostAndPort(uri));
		if (!lane.breaker().tryAcquirePermission()) {
			// the host's own deliveries wait for the circuit, without using up attempts
			return Mono.just(DeliveryResult.deferred(CIRCUIT_OPEN, this.openFor));
		}
		if (!lane.permits().tryAcquire()) {
			lane.breaker().releasePermission();
			return Mono.just(DeliveryResult.deferred());
		}
		long started = System.nanoTime();
		// released before the result is emitted (and once), so the worker can start the
		// host's next parked delivery as soon as it has the result
		AtomicBoolean held = new AtomicBoolean(true);
		Runnable release = () -> {
			if (held.compareAndSet(true, false)) {
				lane.permits().release();
			}
		};
		// the guarded client checks the target again: DNS may have changed since the
		// subscription
		return Mono.defer(() -> post(uri, notification))
			.timeout(this.timeout.plusSeconds(1))
			.onErrorResume((ex) -> Mono.just(failure(ex)))
			.doOnNext((result) -> {
				release.run();
				long took = System.nanoTime() - started;
				if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
					lane.breaker().onSuccess(took, TimeUnit.NANOSECONDS);
				}
				else if (result.outcome() == DeliveryResult.Outcome.RETRY) {
					lane.breaker().onError(took, TimeUnit.NANOSECONDS, new IllegalStateException(result.error()));
				}
				else {
					lane.breaker().releasePermission();
				}
			})
			.doOnCancel(() -> lane.breaker().releasePermission())
			.doFinally((signal) -> release.run());
	}

	/** The breaker's state for {@code host:port}, for tests. */
	CircuitBreaker.State circuit(String hostAndPort) {
		return this.lanes.state(hostAndPort);
	}

	private Mono<DeliveryResult> post(URI uri, Notification notification) {
		long timestamp = this.clock.instant().getEpochSecond();
		String signature = WebhookSignature.sign(notification.secret(), timestamp, notification.payload());
		return this.client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, USER_AGENT)
			.header("X-Beacon-Event", notification.eventType())
			.header("X-Beacon-Delivery", notification.deliveryId().toString())
			.header("X-Beacon-Timestamp", Long.toString(timestamp))
			.header("X-Beacon-Signature", signature)
			.bodyValue(notification.payload().getBytes(StandardCharsets.UTF_8))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.map((status) -> (status >= 200 && status < 300) ? DeliveryResult.delivered(status)
					: DeliveryResult.retry(status, "The receiver answered " + OutboundFailure.httpStatus(status)));
	}

	/**
	 * The failure in the fixed words, followed by its details for the subscriber's owner
	 * (the authenticated delivery history).
	 */
	private DeliveryResult failure(Throwable ex) {
		OutboundFailure kind = OutboundFailure.of(ex);
		if (kind == OutboundFailure.TIMEOUT) {
			return DeliveryResult.retry(null, kind.text() + ": no answer within " + this.timeout.toMillis() + " ms");
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String detail = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		String error = kind.text() + ": " + detail;
		return (kind == OutboundFailure.TARGET_NOT_ALLOWED) ? DeliveryResult.rejected(error)
				: DeliveryResult.retry(null, error);
	}

	/** The target as an absolute http(s) URI with a host, or null. */
	static URI parse(String target) {
		if (target == null) {
			return null;
		}
		try {
			URI uri = new URI(target);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			boolean web = scheme.equals("http") || scheme.equals("https");
			// -1: no port given; java.net.URI takes any digits, 70000 too
			boolean port = uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535);
			return (web && port && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getRawUserInfo() == null)
					? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		this.connections.dispose();
	}

}
