package dev.beacon.notifier.email;

import java.time.Duration;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open SMTP connections, reused from mail to mail: {@link JavaMailSenderImpl#send} opens
 * and closes one per call (a TCP and SMTP handshake, and often TLS and AUTH, for every
 * mail), which made a fan-out to 10,000 addresses take minutes. At most as many are open
 * as mails are sent at once (the channel's {@code concurrency}); one idle longer than
 * {@code idle} is closed rather than reused (servers drop idle clients), and a send that
 * fails on a reused connection is tried once more on a new one (it was most likely closed
 * by the server meanwhile; the Message-ID lets the receiver recognise a repeat).
 */
final class SmtpConnections implements AutoCloseable {

	private final JavaMailSenderImpl sender;

	private final long idleNanos;

	private final Deque<Open> idle = new ConcurrentLinkedDeque<>();

	SmtpConnections(JavaMailSenderImpl sender, Duration idle) {
		this.sender = sender;
		this.idleNanos = idle.toNanos();
	}

	/** Sends the message on an open connection; fails with a {@code MailException}. */
	void send(MimeMessage message) {
		try {
			if (message.getSentDate() == null) {
				message.setSentDate(new Date());
			}
			message.saveChanges();
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		Open open = take();
		try {
			sendOn(open, message);
		}
		catch (MessagingException ex) {
			close(open);
			if (!open.reused()) {
				throw new MailSendException("Failed to send the mail", ex);
			}
			Open fresh = connect();
			try {
				sendOn(fresh, message);
			}
			catch (MessagingException again) {
				close(fresh);
				throw new MailSendException("Failed to send the mail", again);
			}
		}
	}

	private void sendOn(Open open, MimeMessage message) throws MessagingException {
		open.transport().sendMessage(message, message.getAllRecipients());
		this.idle.addFirst(new Open(open.transport(), System.nanoTime(), true));
	}

	private Open take() {
		for (Open open = this.idle.pollFirst(); open != null; open = this.idle.pollFirst()) {
			if (System.nanoTime() - open.since() < this.idleNanos) {
				return open;
			}
			close(open);
		}
		return connect();
	}

	private Open connect() {
		try {
			String protocol = (this.sender.getProtocol() != null) ? this.sender.getProtocol() : "smtp";
			Transport transport = this.sender.getSession().getTransport(protocol);
			// as JavaMailSenderImpl does: an empty user name means no authentication
			String username = this.sender.getUsername();
			String password = this.sender.getPassword();
			if ("".equals(username)) {
				username = null;
				if ("".equals(password)) {
					password = null;
				}
			}
			transport.connect(this.sender.getHost(), this.sender.getPort(), username, password);
			return new Open(transport, System.nanoTime(), false);
		}
		catch (MessagingException ex) {
			throw new MailSendException("Could not connect to the SMTP server", ex);
		}
	}

	private static void close(Open open) {
		try {
			open.transport().close();
		}
		catch (MessagingException ex) {
			// closing a connection that failed: nothing left to do with it
		}
	}

	@Override
	public void close() {
		for (Open open = this.idle.pollFirst(); open != null; open = this.idle.pollFirst()) {
			close(open);
		}
	}

	private record Open(Transport transport, long since, boolean reused) {
	}

}
