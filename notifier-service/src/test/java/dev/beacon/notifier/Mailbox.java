package dev.beacon.notifier;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on the loopback interface, on a port of its own that
 * survives a restart (to test an SMTP server that goes down and comes back).
 */
public final class Mailbox implements AutoCloseable {

	private final int port;

	private GreenMail server;

	public Mailbox() {
		this.port = freePort();
		start();
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		this.server = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.server.start();
	}

	/** Stops accepting mail; what was received is forgotten. */
	public synchronized void stop() {
		this.server.stop();
	}

	public synchronized List<MimeMessage> received() {
		return Arrays.asList(this.server.getReceivedMessages());
	}

	/** The mails to {@code address}. */
	public List<MimeMessage> to(String address) {
		return received().stream().filter((message) -> recipient(message).equalsIgnoreCase(address)).toList();
	}

	@Override
	public void close() {
		stop();
	}

	public static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String header(MimeMessage message, String name) {
		try {
			String[] values = message.getHeader(name);
			return (values != null) ? values[0] : null;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The plain-text and HTML parts of a multipart/alternative mail, in that order. */
	public static List<String> parts(MimeMessage message) {
		try {
			Multipart multipart = (Multipart) message.getContent();
			return List.of(multipart.getBodyPart(0).getContent().toString(),
					multipart.getBodyPart(1).getContent().toString());
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The path of the first link under {@code /public/subscriptions/<kind>/} in the text.
	 */
	public static String linkPath(MimeMessage message, String kind) {
		Matcher matcher = Pattern.compile("https?://[^/\\s]+(/public/subscriptions/" + kind + "/[A-Za-z0-9_-]+)")
			.matcher(parts(message).get(0));
		if (!matcher.find()) {
			throw new IllegalStateException("No " + kind + " link in the mail");
		}
		return matcher.group(1);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
