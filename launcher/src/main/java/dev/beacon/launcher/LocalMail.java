package dev.beacon.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The local run's mail server (GreenMail): it accepts every mail the notifier sends over
 * SMTP and keeps it, nothing leaves the machine. Each recipient gets a mailbox on first
 * mail, read over IMAP with the address as user name and as password.
 */
final class LocalMail implements AutoCloseable {

	static final int SMTP_PORT = 3025;

	static final int IMAP_PORT = 3143;

	private final GreenMail server;

	private final int smtpPort;

	private final int imapPort;

	private LocalMail(GreenMail server, int smtpPort, int imapPort) {
		this.server = server;
		this.smtpPort = smtpPort;
		this.imapPort = imapPort;
	}

	/** Starts SMTP and IMAP on the loopback interface; port 0 picks a free one. */
	static LocalMail start(int smtpPort, int imapPort) {
		GreenMail server = new GreenMail(new ServerSetup[] { setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
				setup(imapPort, ServerSetup.PROTOCOL_IMAP) });
		server.start();
		return new LocalMail(server, server.getSmtp().getPort(), server.getImap().getPort());
	}

	private static ServerSetup setup(int port, String protocol) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
		return (port == 0) ? setup.dynamicPort() : setup;
	}

	int smtpPort() {
		return this.smtpPort;
	}

	int imapPort() {
		return this.imapPort;
	}

	/** Every mail received so far. */
	int received() {
		return this.server.getReceivedMessages().length;
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
