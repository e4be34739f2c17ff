package dev.beacon.notifier.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import dev.beacon.notifier.channel.DeliveryResult;
import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.Notification;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.security.outbound.GuardedHttpClients;
import dev.beacon.security.outbound.OutboundAddressGuard;
import dev.beacon.security.outbound.OutboundFailure;
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
 * request to a receiver is sent from here (a per-endpoint circuit breaker belongs here
 * too). The client is the security module's guarded one: the address of every connection
 * is checked right before it is opened, host names and address literals alike. Redirects
 * are not followed (they count as failures).
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

	private final OutboundAddressGuard guard;

	private final Duration timeout;

	private final ConnectionProvider connections;

	private final WebClient client;

	private final Clock clock;

	@Autowired
	WebhookChannel(TargetNetworkProperties networks, WebhookProperties properties) {
		this(networks.guard(), properties.timeout(), properties.connectTimeout(), Clock.systemUTC());
	}

	WebhookChannel(OutboundAddressGuard guard, Duration timeout, Duration connectTimeout, Clock clock) {
		this.guard = guard;
		this.timeout = timeout;
		this.clock = clock;
		this.connections = ConnectionProvider.builder("webhooks")
			.maxConnections(100)
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
				throw new InvalidTargetException("url", "must be an absolute http or https URL with a host");
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
	public Mono<DeliveryResult> send(Notification notification) {
		URI uri = parse(notification.target());
		if (uri == null) {
			return Mono.just(DeliveryResult.rejected("The webhook URL is not an absolute http or https URL"));
		}
		// the guarded client checks the target again: DNS may have changed since the
		// subscription
		return Mono.defer(() -> post(uri, notification))
			.timeout(this.timeout.plusSeconds(1))
			.onErrorResume((ex) -> Mono.just(failure(ex)));
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
			return (web && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getRawUserInfo() == null) ? uri
					: null;
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
