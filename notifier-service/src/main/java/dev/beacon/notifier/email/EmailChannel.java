package dev.beacon.notifier.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import dev.beacon.notifier.channel.DeliveryResult;
import dev.beacon.notifier.channel.InvalidTargetException;
import dev.beacon.notifier.channel.Notification;
import dev.beacon.notifier.channel.NotificationChannel;
import dev.beacon.notifier.channel.SubscriberLinks;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuples;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Email through Spring's {@link JavaMailSender} (the SMTP server of
 * {@code spring.mail.*}): a multipart/alternative mail (plain text and HTML, from the
 * templates in {@code templates/mail}) with a one-click unsubscribe link (RFC 8058) in
 * every mail. At most {@code concurrency} mails are handed over at once (more defer,
 * without counting an attempt), and a circuit breaker stops calling an SMTP server that
 * keeps failing. The {@code Message-ID} is the delivery's, the same on every attempt, so
 * a mail accepted but not recorded (a crash) and sent again can be recognised as the
 * same.
 */
@Component
class EmailChannel implements NotificationChannel, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EmailChannel.class);

	static final String TYPE = "email";

	static final String CIRCUIT_OPEN = "Circuit open: the SMTP server failed repeatedly, so it was not called";

	/** Addresses as people type them: no display name, no comments, no quoted parts. */
	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
			+ "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JavaMailSender sender;

	private final SubscriberLinks links;

	private final JsonMapper json;

	private final InternetAddress from;

	private final Semaphore slots;

	private final CircuitBreaker smtp;

	private final Scheduler scheduler;

	private final Duration openFor;

	private final MailTemplates templates = new MailTemplates();

	private final SmtpConnections connections;

	EmailChannel(JavaMailSender sender, SubscriberLinks links, JsonMapper json, EmailProperties properties)
			throws AddressException {
		MailStreams.pinProvider();
		this.sender = sender;
		this.links = links;
		this.json = json;
		this.from = new InternetAddress(properties.from(), true);
		this.slots = new Semaphore(properties.concurrency());
		this.openFor = properties.breakerOpenFor();
		this.smtp = CircuitBreaker.of("smtp",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(Math.max(properties.breakerMinimumCalls(), 10))
					.minimumNumberOfCalls(properties.breakerMinimumCalls())
					.failureRateThreshold(properties.breakerFailureRate())
					.waitDurationInOpenState(properties.breakerOpenFor())
					.permittedNumberOfCallsInHalfOpenState(1)
					.build());
		this.scheduler = Schedulers.newBoundedElastic(properties.concurrency(), Integer.MAX_VALUE, "smtp");
		this.connections = (sender instanceof JavaMailSenderImpl impl)
				? new SmtpConnections(impl, properties.connectionIdle()) : null;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public Mono<Void> checkTarget(String target) {
		return valid(target) ? Mono.empty()
				: Mono.error(new InvalidTargetException("email", "must be a mail address like name@example.com"));
	}

	/**
	 * Mail is for incidents and maintenance: a component's status changes (a flapping one
	 * changes every few minutes) go to webhooks only, which a machine reads.
	 */
	@Override
	public boolean carries(String eventType) {
		return !eventType.startsWith("component.");
	}

	/** Whether {@code target} is a plain mail address (at most 254 characters). */
	static boolean valid(String target) {
		if (target == null || target.length() > 254 || !ADDRESS.matcher(target).matches()) {
			return false;
		}
		try {
			new InternetAddress(target, true).validate();
			return true;
		}
		catch (AddressException ex) {
			return false;
		}
	}

	@Override
	public Mono<DeliveryResult> send(Notification notification) {
		if (!valid(notification.target())) {
			return Mono.just(DeliveryResult.rejected("The address is not a mail address"));
		}
		if (!this.smtp.tryAcquirePermission()) {
			// mails wait for the SMTP server to come back, without using up attempts
			return Mono.just(DeliveryResult.deferred(CIRCUIT_OPEN, this.openFor));
		}
		if (!this.slots.tryAcquire()) {
			this.smtp.releasePermission();
			return Mono.just(DeliveryResult.deferred());
		}
		// released before the result is emitted (and once), so the worker can start the
		// next parked mail as soon as it has the result
		AtomicBoolean held = new AtomicBoolean(true);
		Runnable release = () -> {
			if (held.compareAndSet(true, false)) {
				this.slots.release();
			}
		};
		return Mono.defer(() -> compose(notification)).flatMap((message) -> {
			long started = System.nanoTime();
			return Mono.fromCallable(() -> {
				if (this.connections != null) {
					this.connections.send(message);
				}
				else {
					this.sender.send(message);
				}
				return DeliveryResult.delivered(null);
			}).subscribeOn(this.scheduler).doOnNext((result) -> {
				this.smtp.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}).onErrorResume(MailException.class, (ex) -> {
				this.smtp.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
				return Mono.just(failure(ex));
			});
		}).switchIfEmpty(Mono.fromSupplier(() -> {
			this.smtp.releasePermission();
			return DeliveryResult.rejected("The subscriber was removed");
		})).onErrorResume((ex) -> {
			this.smtp.releasePermission();
			logger.warn("Could not build the mail of delivery {}: {}", notification.deliveryId(), ex.toString());
			// a template or payload that cannot make a mail never will; anything else
			// (the
			// database minting the links, say) may work on the next attempt
			String error = "The mail could not be built: " + ex.getClass().getSimpleName();
			return Mono.just((ex instanceof MailPreparationException) ? DeliveryResult.rejected(error)
					: DeliveryResult.retry(null, error));
		}).doOnNext((result) -> release.run()).doFinally((signal) -> release.run());
	}

	/** The mail, with freshly minted links; empty when the subscriber is gone. */
	private Mono<MimeMessage> compose(Notification notification) {
		Map<String, Object> payload = this.json.readValue(notification.payload(), MAP);
		boolean confirmation = MailContent.CONFIRMATION.equals(notification.eventType());
		Mono<String> confirm = confirmation ? this.links.confirm(notification.subscriberId()) : Mono.just("");
		// one after the other, never zipped: when one side ends empty or fails, zip
		// cancels the other, and a query cancelled mid-flight can leave its pooled
		// connection answering nothing ever after
		return confirm
			.flatMap((confirmUrl) -> this.links.unsubscribe(notification.subscriberId())
				.map((unsubscribeUrl) -> Tuples.of(confirmUrl, unsubscribeUrl)))
			.map((urls) -> {
				Map<String, Object> context = new HashMap<>(payload);
				MailContent content = MailContent.of(notification.eventType(), payload);
				context.putAll(content.context());
				context.put("confirmUrl", urls.getT1());
				context.put("unsubscribeUrl", urls.getT2());
				MailTemplates.Bodies bodies = this.templates.render(content.template(), context);
				try {
					return message(notification, content.subject(), bodies, urls.getT2());
				}
				catch (MessagingException ex) {
					throw new MailPreparationException(ex);
				}
			});
	}

	private MimeMessage message(Notification notification, String subject, MailTemplates.Bodies bodies,
			String unsubscribeUrl) throws MessagingException {
		Session session = (this.sender instanceof JavaMailSenderImpl impl) ? impl.getSession()
				: Session.getInstance(new Properties());
		MimeMessage message = new DeliveryMessage(session, "<" + notification.deliveryId() + "@beacon.notifier>");
		message.setFrom(this.from);
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notification.target(), true));
		message.setSubject(subject, "UTF-8");
		// RFC 8058: a mail client may unsubscribe with one POST to this link, without a
		// page
		message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.setHeader("Auto-Submitted", "auto-generated");
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart text = new MimeBodyPart();
		text.setText(bodies.text(), "UTF-8", "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(bodies.html(), "UTF-8", "html");
		// the last part is the preferred one
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		return message;
	}

	private static DeliveryResult failure(MailException ex) {
		if (ex instanceof MailParseException || ex instanceof MailPreparationException) {
			return DeliveryResult.rejected("The mail could not be built: " + ex.getMessage());
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String detail = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return DeliveryResult.retry(null, "SMTP failure: " + detail);
	}

	/** The SMTP circuit's state, for tests. */
	CircuitBreaker.State circuit() {
		return this.smtp.getState();
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
		if (this.connections != null) {
			this.connections.close();
		}
	}

	/** A message whose Message-ID is the delivery's, kept when the message is saved. */
	static final class DeliveryMessage extends MimeMessage {

		private final String messageId;

		DeliveryMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
