package dev.beacon.notifier.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.WebhookReceiver;
import dev.beacon.notifier.channel.DeliveryResult;
import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.Notification;
import dev.beacon.security.outbound.Cidr;
import dev.beacon.security.outbound.OutboundAddressGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The webhook channel against real HTTP receivers on the loopback interface. */
class WebhookChannelTests {

	static final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

	static final String SECRET = "a-subscriber-secret-0123456789";

	static final String BODY = "{\"type\":\"incident.opened\"}";

	final WebhookChannel loopbackAllowed = channel(List.of(Cidr.parse("127.0.0.0/8")), Duration.ofSeconds(5));

	final WebhookChannel guarded = channel(List.of(), Duration.ofSeconds(5));

	WebhookReceiver receiver;

	@AfterEach
	void close() {
		if (this.receiver != null) {
			this.receiver.close();
		}
		this.loopbackAllowed.destroy();
		this.guarded.destroy();
	}

	@Test
	void postsTheSignedPayloadWithBeaconHeaders() {
		this.receiver = WebhookReceiver.answering(204);
		UUID deliveryId = UUID.randomUUID();
		DeliveryResult result = this.loopbackAllowed
			.send(new Notification(deliveryId, UUID.randomUUID(), "incident.opened", BODY, this.receiver.url(), SECRET))
			.block();
		assertThat(result).isEqualTo(DeliveryResult.delivered(204));
		WebhookReceiver.Request request = this.receiver.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.body()).isEqualTo(BODY);
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("User-Agent")).isEqualTo("Beacon-Webhook/1");
		assertThat(request.header("X-Beacon-Event")).isEqualTo("incident.opened");
		assertThat(request.header("X-Beacon-Delivery")).isEqualTo(deliveryId.toString());
		assertThat(request.header("X-Beacon-Timestamp")).isEqualTo("1700000000");
		assertThat(request.header("X-Beacon-Signature")).isEqualTo(WebhookSignature.sign(SECRET, 1_700_000_000L, BODY));
	}

	@Test
	void asksForAnotherAttemptWhenTheReceiverFails() {
		this.receiver = WebhookReceiver.answering(503);
		assertThat(send(this.loopbackAllowed, this.receiver.url()))
			.isEqualTo(DeliveryResult.retry(503, "The receiver answered HTTP status 503"));
	}

	@Test
	void asksForAnotherAttemptWhenNobodyListens() {
		this.receiver = WebhookReceiver.answering(200);
		String url = this.receiver.url();
		this.receiver.close();
		DeliveryResult result = send(this.loopbackAllowed, url);
		assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
		assertThat(result.httpStatus()).isNull();
		assertThat(result.error()).isNotBlank();
	}

	@Test
	void givesUpOnAnAttemptAfterTheTimeout() {
		WebhookChannel impatient = channel(List.of(Cidr.parse("127.0.0.0/8")), Duration.ofMillis(300));
		this.receiver = WebhookReceiver.hanging();
		try {
			DeliveryResult result = send(impatient, this.receiver.url());
			assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
			assertThat(result.error()).isEqualTo("Timeout: no answer within 300 ms");
		}
		finally {
			impatient.destroy();
		}
	}

	@Test
	void refusesInternalAddressesRightBeforeSendingWithoutContactingThem() {
		this.receiver = WebhookReceiver.answering(200);
		DeliveryResult result = send(this.guarded, this.receiver.url());
		assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
		assertThat(result.error()).startsWith("Target not allowed: ").contains("127.0.0.1");
		String byName = this.receiver.url().replace("127.0.0.1", "localhost");
		assertThat(send(this.guarded, byName).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
		assertThat(this.receiver.requests()).isEmpty();
	}

	@Test
	void refusesAnAddressLiteralThatNoResolverSeesWithoutContactingIt() {
		this.receiver = WebhookReceiver.answering(200);
		// only 127.0.0.0/8 is open: IPv6 loopback stays refused, and is never connected
		// to
		String literal = this.receiver.url().replace("127.0.0.1", "[::1]");
		DeliveryResult result = send(this.loopbackAllowed, literal);
		assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
		assertThat(result.error()).startsWith("Target not allowed");
	}

	@Test
	void answersRefusedTargetsInFixedWordsThatNameNoAddress() {
		OutboundAddressGuard guard = new OutboundAddressGuard(List.of(),
				(host) -> List.of(InetAddress.getByName("64:ff9b::a9fe:a9fe")));
		WebhookChannel channel = new WebhookChannel(guard,
				WebhookProperties.defaults(Duration.ofSeconds(1), Duration.ofSeconds(1)), clock);
		try {
			assertThatExceptionOfType(InvalidTargetException.class)
				.isThrownBy(() -> channel.checkTarget("https://metadata.internal.test/hook").block())
				.withMessage("Target not allowed");
			assertThatExceptionOfType(InvalidTargetException.class)
				.isThrownBy(() -> this.guarded.checkTarget("http://10.1.2.3/hook").block())
				.withMessage("Target not allowed");
		}
		finally {
			channel.destroy();
		}
	}

	@Test
	void checksTargetsWhenSubscribing() {
		this.loopbackAllowed.checkTarget("http://127.0.0.1:8080/hook").block();
		for (String target : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/",
				"https://[::1]/hook", "http://localhost/", "ftp://example.com/", "not a url",
				"http://user:pass@example.com/", "javascript:alert(1)", "file:///etc/passwd")) {
			assertThatExceptionOfType(InvalidTargetException.class)
				.isThrownBy(() -> this.guarded.checkTarget(target).block())
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("url"));
		}
	}

	@Test
	void refusesPortsOutsideOneTo65535() {
		this.loopbackAllowed.checkTarget("http://127.0.0.1:65535/hook").block();
		this.loopbackAllowed.checkTarget("http://127.0.0.1:1/hook").block();
		for (String target : List.of("http://127.0.0.1:70000/hook", "http://127.0.0.1:0/hook",
				"http://127.0.0.1:65536/hook")) {
			assertThatExceptionOfType(InvalidTargetException.class)
				.isThrownBy(() -> this.loopbackAllowed.checkTarget(target).block())
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("url"));
			assertThat(send(this.loopbackAllowed, target).outcome()).isEqualTo(DeliveryResult.Outcome.REJECTED);
		}
	}

	@Test
	void opensTheCircuitOfAHostThatKeepsFailingAndStopsCallingIt() {
		this.receiver = WebhookReceiver.answering(500);
		for (int i = 0; i < 5; i++) {
			DeliveryResult result = send(this.loopbackAllowed, this.receiver.url());
			assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
			assertThat(result.httpStatus()).isEqualTo(500);
		}
		String host = "127.0.0.1:" + URI.create(this.receiver.url()).getPort();
		assertThat(this.loopbackAllowed.circuit(host)).isEqualTo(CircuitBreaker.State.OPEN);

		// its deliveries wait for the circuit, without using up their attempts
		DeliveryResult refused = send(this.loopbackAllowed, this.receiver.url());
		assertThat(refused.outcome()).isEqualTo(DeliveryResult.Outcome.DEFERRED);
		assertThat(refused.error()).startsWith("Circuit open");
		assertThat(refused.after()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.receiver.requests()).hasSize(5);
	}

	@Test
	void defersADeliveryWhenItsHostHasAsManyRequestsInFlightAsAllowed() {
		this.receiver = WebhookReceiver.hanging();
		List<Mono<DeliveryResult>> inFlight = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			inFlight.add(this.loopbackAllowed
				.send(new Notification(UUID.randomUUID(), UUID.randomUUID(), "incident.updated", BODY,
						this.receiver.url(), SECRET))
				.cache());
		}
		inFlight.forEach((attempt) -> attempt.subscribe());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.requests().size() == 8);

		assertThat(send(this.loopbackAllowed, this.receiver.url()).outcome())
			.isEqualTo(DeliveryResult.Outcome.DEFERRED);
		WebhookReceiver other = WebhookReceiver.answering(200);
		try {
			assertThat(send(this.loopbackAllowed, other.url()).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
		}
		finally {
			other.close();
		}
	}

	private static DeliveryResult send(WebhookChannel channel, String url) {
		return channel
			.send(new Notification(UUID.randomUUID(), UUID.randomUUID(), "incident.updated", BODY, url, SECRET))
			.block();
	}

	private static WebhookChannel channel(List<Cidr> allowed, Duration timeout) {
		return new WebhookChannel(new OutboundAddressGuard(allowed),
				WebhookProperties.defaults(timeout, Duration.ofSeconds(2)), clock);
	}

}
