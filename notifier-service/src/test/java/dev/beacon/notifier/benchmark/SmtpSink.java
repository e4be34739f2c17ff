package dev.beacon.notifier.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback that accepts every mail and keeps only what the
 * benchmark counts: each accepted mail's recipient and Message-ID. GreenMail, which the
 * tests use to read mails, delivers every mail under one lock and parses it into a
 * mailbox, so at 10,000 mails it measures itself (about 40 mails/s on this machine); this
 * server measures the notifier. It speaks the subset of RFC 5321 a mail client uses:
 * EHLO/HELO, MAIL, RCPT, DATA (with dot-unstuffing), RSET, NOOP, QUIT.
 */
final class SmtpSink implements AutoCloseable {

	private final ServerSocket server;

	private final Map<String, AtomicInteger> byMessageId = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();

	private final AtomicInteger accepted = new AtomicInteger();

	SmtpSink() throws IOException {
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "smtp-sink");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** How many mails were accepted (a 250 after DATA). */
	int accepted() {
		return this.accepted.get();
	}

	int distinctRecipients() {
		return this.byRecipient.size();
	}

	/** Mails accepted more than once with the same Message-ID. */
	long repeatedMessageIds() {
		return this.byMessageId.values().stream().filter((count) -> count.get() > 1).count();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread session = new Thread(() -> serve(socket), "smtp-sink-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = socket.getOutputStream()) {
			reply(out, "220 sink ESMTP");
			String recipient = null;
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					reply(out, "250 sink");
				}
				else if (command.startsWith("RCPT TO:")) {
					recipient = line.substring(8).trim().replaceAll("[<>]", "").toLowerCase(Locale.ROOT);
					reply(out, "250 OK");
				}
				else if (command.startsWith("DATA")) {
					reply(out, "354 go ahead");
					String messageId = null;
					for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
						if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
							messageId = data.substring(11).trim();
						}
					}
					this.accepted.incrementAndGet();
					this.byMessageId.computeIfAbsent(String.valueOf(messageId), (key) -> new AtomicInteger())
						.incrementAndGet();
					this.byRecipient.computeIfAbsent(String.valueOf(recipient), (key) -> new AtomicInteger())
						.incrementAndGet();
					recipient = null;
					reply(out, "250 accepted");
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					// MAIL FROM, RSET, NOOP
					reply(out, "250 OK");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
