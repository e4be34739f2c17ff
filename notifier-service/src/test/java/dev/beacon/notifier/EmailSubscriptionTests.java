package dev.beacon.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.Topics;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Visitors subscribing by email, against a real SMTP server (GreenMail), PostgreSQL and
 * Kafka: double opt-in, one-click unsubscribe, per-component subscriptions, and the
 * public endpoint's answers to bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.notifier.allowed-networks=127.0.0.0/8", "beacon.notifier.delivery.poll-interval=1h",
				"beacon.notifier.delivery.backoff-base=100ms", "beacon.notifier.delivery.backoff-max=400ms",
				"beacon.notifier.public-subscribe.per-client=1000",
				"beacon.notifier.links.public-base-url=https://status.example.test" })
class EmailSubscriptionTests {

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(EmailSubscriptionTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS);

	static final Mailbox mailbox = new Mailbox();

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration WAIT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mailbox::port);
	}

	@AfterAll
	static void close() {
		topics.close();
		mailbox.close();
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	Applications applications;

	@Autowired
	DatabaseClient sql;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void mailsNothingButTheConfirmationUntilTheAddressConfirms() throws Exception {
		UUID app = UUID.randomUUID();
		define(app, true);
		String address = address();
		subscribe(slug(app), "{\"email\":\"" + address + "\"}").expectStatus().isAccepted();

		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 1);
		MimeMessage confirmation = mailbox.to(address).get(0);
		assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to Page " + slug(app));
		assertThat(confirmation.getContentType()).startsWith("multipart/alternative");
		assertThat(Mailbox.header(confirmation, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(Mailbox.parts(confirmation).get(1)).contains("Confirm my subscription");
		String confirm = Mailbox.linkPath(confirmation, "confirm");

		// not confirmed yet: an incident mails nothing
		IncidentChanged before = incident(app, List.of());
		publish(before);
		await().atMost(WAIT).until(() -> processed(before.eventId()));

		// a GET only shows the button; the POST confirms
		this.client.get()
			.uri(confirm)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<form method=\"post\" action=\"" + confirm + "\""));
		this.client.post().uri(confirm).exchange().expectStatus().isOk();

		IncidentChanged after = incident(app, List.of());
		publish(after);
		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 2);
		MimeMessage mail = mailbox.to(address).get(1);
		assertThat(mail.getSubject()).isEqualTo("[Page " + slug(app) + "] Incident opened: API is down");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		assertThat(Mailbox.header(mail, "List-Unsubscribe"))
			.startsWith("<https://status.example.test" + "/public/subscriptions/unsubscribe/");
		assertThat(Mailbox.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		List<String> parts = Mailbox.parts(mail);
		assertThat(parts.get(0)).contains("We are looking into it.")
			.contains("https://status.example.test/public/status/" + slug(app));
		assertThat(parts.get(1)).contains("<h2 style=\"font-size: 16px; margin: 16px 0 8px;\">Timeline</h2>")
			.contains("We are looking into it.");
		// the incident before the confirmation was never fanned out to the address
		await().atMost(WAIT).until(() -> pending(app) == 0);
		assertThat(mailbox.to(address)).hasSize(2);
	}

	@Test
	void answersAlikeAndMailsOnceWhenAnAddressSubscribesAgain() {
		UUID app = UUID.randomUUID();
		define(app, true);
		String address = address();
		String first = subscribe(slug(app), "{\"email\":\"" + address + "\"}").expectStatus()
			.isAccepted()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		for (int i = 0; i < 4; i++) {
			String again = subscribe(slug(app), "{\"email\":\"" + address.toUpperCase() + "\"}").expectStatus()
				.isAccepted()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(again).isEqualTo(first);
		}
		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 1);
		// and no second one arrives once the deliveries are done
		await().atMost(WAIT).until(() -> pending(app) == 0);
		assertThat(mailbox.to(address)).hasSize(1);
	}

	@Test
	void refusesExpiredForgedAndMisusedLinks() {
		UUID app = UUID.randomUUID();
		define(app, true);
		String address = address();
		subscribe(slug(app), "{\"email\":\"" + address + "\"}").expectStatus().isAccepted();
		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 1);
		String confirm = Mailbox.linkPath(mailbox.to(address).get(0), "confirm");
		String token = confirm.substring(confirm.lastIndexOf('/') + 1);

		// a confirm token cannot unsubscribe
		problem(this.client.post().uri("/public/subscriptions/unsubscribe/" + token).exchange(), 404);
		problem(this.client.post().uri("/public/subscriptions/confirm/" + "A".repeat(43)).exchange(), 404);
		problem(this.client.get().uri("/public/subscriptions/confirm/not-a-token").exchange(), 400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("token");

		// the link's 24 hours are over
		this.sql
			.sql("UPDATE subscription_tokens SET expires_at = now() - interval '1 second' WHERE subscriber_id IN "
					+ "(SELECT id FROM subscribers WHERE application_id = :app)")
			.bind("app", app)
			.then()
			.block();
		problem(this.client.post().uri(confirm).exchange(), 410);
		problem(this.client.get().uri(confirm).exchange(), 410);
	}

	@Test
	void unsubscribesWithTheOneClickPostOfTheMailsHeader() {
		UUID app = UUID.randomUUID();
		define(app, true);
		String address = confirmedSubscriber(app, "");

		publish(incident(app, List.of()));
		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 2);
		String header = Mailbox.header(mailbox.to(address).get(1), "List-Unsubscribe");
		String path = header.substring(header.indexOf("/public/"), header.length() - 1);

		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Unsubscribe"));
		// RFC 8058: what a mail client sends
		this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("You are unsubscribed"));
		problem(this.client.post().uri(path).exchange(), 404);

		IncidentChanged later = incident(app, List.of());
		publish(later);
		await().atMost(WAIT).until(() -> processed(later.eventId()));
		assertThat(mailbox.to(address)).hasSize(2);
		subscribers(app).jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void mailsPerComponentSubscribersOnlyWhatTouchesTheirComponents() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		UUID web = UUID.randomUUID();
		define(app, true, api, web);
		String apiOnly = confirmedSubscriber(app, ",\"componentIds\":[\"" + api + "\"]");
		String everything = confirmedSubscriber(app, "");

		IncidentChanged webDown = incident(app, List.of(web));
		publish(webDown);
		IncidentChanged apiDown = incident(app, List.of(api));
		publish(apiDown);

		await().atMost(WAIT).until(() -> mailbox.to(everything).size() == 3 && mailbox.to(apiOnly).size() == 2);
		await().atMost(WAIT).until(() -> pending(app) == 0);
		assertThat(mailbox.to(apiOnly)).hasSize(2);
		assertThat(Mailbox.parts(mailbox.to(apiOnly).get(1)).get(0)).contains("Component " + api)
			.doesNotContain("Component " + web);
	}

	@Test
	void answersBadInputWithProblemsNamingTheField() {
		UUID app = UUID.randomUUID();
		define(app, true, UUID.randomUUID());
		for (String email : List.of("not-an-address", "a@", "@example.com", "a b@example.com",
				"x@example.com\\r\\nBcc: y@example.com", "Someone <x@example.com>", "x@-example.com")) {
			problem(subscribe(slug(app), "{\"email\":\"" + email + "\"}"), 400).jsonPath("$.errors[0].field")
				.isEqualTo("email");
		}
		problem(subscribe(slug(app), "{\"email\":\"a@example.com\",\"webhookUrl\":\"http://127.0.0.1/\"}"), 400);
		problem(subscribe(slug(app), "{}"), 400);
		problem(subscribe(slug(app), "{\"email\":\"a@example.com\",\"componentIds\":[\"" + UUID.randomUUID() + "\"]}"),
				400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds[0]");
		// the refused ranges themselves are the guard's own tests (security, decision
		// only); here
		// a loopback address outside the allowed 127.0.0.0/8 stands for them
		for (String url : List.of("http://127.0.0.1:70000/hook", "ftp://127.0.0.1/hook", "http://[::1]/hook")) {
			problem(subscribe(slug(app), "{\"webhookUrl\":\"" + url + "\"}"), 400).jsonPath("$.errors[0].field")
				.isEqualTo("webhookUrl");
		}
		problem(subscribe("no-such-page", "{\"email\":\"a@example.com\"}"), 404);
		problem(subscribe(slug(app), "{not json"), 400);
		assertThat(mailbox.received()).noneMatch((message) -> Mailbox.recipient(message).equals("a@example.com"));
	}

	@Test
	void hidesAPrivatePageLikeAnAbsentOne() {
		UUID app = UUID.randomUUID();
		define(app, false);
		problem(subscribe(slug(app), "{\"email\":\"a@example.com\"}"), 404).jsonPath("$.detail")
			.isEqualTo("No page " + slug(app));
		problem(subscribe("absent-" + slug(app), "{\"email\":\"a@example.com\"}"), 404).jsonPath("$.detail")
			.isEqualTo("No page absent-" + slug(app));
	}

	@Test
	void givesAVisitorsWebhookItsSecretOnceAndAnUnsubscribeLink() {
		UUID app = UUID.randomUUID();
		define(app, true);
		WebhookReceiver receiver = WebhookReceiver.answering(200);
		try {
			byte[] body = subscribe(slug(app), "{\"webhookUrl\":\"" + receiver.url() + "\"}").expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.secret")
				.isNotEmpty()
				.returnResult()
				.getResponseBody();
			String unsubscribe = json.readTree(body).get("unsubscribeUrl").asString();
			assertThat(unsubscribe).startsWith("https://status.example.test/public/subscriptions/unsubscribe/");
			subscribers(app).jsonPath("$[0].secret").doesNotExist().jsonPath("$[0].status").isEqualTo("active");
			this.client.post()
				.uri(unsubscribe.substring(unsubscribe.indexOf("/public/")))
				.exchange()
				.expectStatus()
				.isOk();
			subscribers(app).jsonPath("$.length()").isEqualTo(0);
		}
		finally {
			receiver.close();
		}
	}

	@Test
	void forgetsTheSubscribersAndDeliveriesOfADeletedApplication() {
		UUID app = UUID.randomUUID();
		define(app, true);
		confirmedSubscriber(app, "");
		await().atMost(WAIT).until(() -> pending(app) == 0);
		assertThat(count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app", app)).isPositive();

		Catalog.delete(topics, app);

		await().atMost(WAIT).until(() -> this.applications.find(app).blockOptional().isEmpty());
		assertThat(count("SELECT count(*) AS n FROM subscribers WHERE application_id = :app", app)).isZero();
		assertThat(count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app", app)).isZero();
		problem(subscribe(slug(app), "{\"email\":\"a@example.com\"}"), 404);
	}

	/** Subscribes a new address, confirms it, and returns it. */
	private String confirmedSubscriber(UUID app, String extraJson) {
		String address = address();
		subscribe(slug(app), "{\"email\":\"" + address + "\"" + extraJson + "}").expectStatus().isAccepted();
		await().atMost(WAIT).until(() -> mailbox.to(address).size() == 1);
		this.client.post()
			.uri(Mailbox.linkPath(mailbox.to(address).get(0), "confirm"))
			.exchange()
			.expectStatus()
			.isOk();
		return address;
	}

	private void define(UUID app, boolean publicPage, UUID... components) {
		Catalog.define(topics, this.applications, Catalog.application(app, slug(app), publicPage, components));
	}

	private static String slug(UUID app) {
		return "p-" + app.toString().substring(0, 8);
	}

	private static String address() {
		return "someone-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	private WebTestClient.ResponseSpec subscribe(String slug, String body) {
		return this.client.post()
			.uri("/public/status/{slug}/subscribers", slug)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

	private WebTestClient.BodyContentSpec subscribers(UUID app) {
		return this.client.get()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private long pending(UUID app) {
		return count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND status = 'pending'", app);
	}

	private boolean processed(UUID eventId) {
		return this.sql.sql("SELECT count(*) AS n FROM processed_events WHERE event_id = :id")
			.bind("id", eventId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block() == 1;
	}

	private long count(String sql, UUID app) {
		return this.sql.sql(sql).bind("app", app).map((row) -> row.get("n", Long.class)).one().block();
	}

	private static IncidentChanged incident(UUID app, List<UUID> components) {
		Instant now = Instant.now();
		return new IncidentChanged(UUID.randomUUID(), now, IncidentChanged.Change.OPENED,
				new IncidentChanged.Incident(UUID.randomUUID(), app, "API is down", "investigating", "major",
						components, now.minusSeconds(60), null, 1),
				new IncidentChanged.Update(UUID.randomUUID(), "investigating", "We are looking into it.", now));
	}

	private static void publish(IncidentChanged event) {
		topics.send(Topics.INCIDENTS, event.incident().applicationId().toString(), json.writeValueAsString(event));
	}

}
