package dev.beacon.launcher;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local run's mail server: what is sent over SMTP is read back over IMAP, logging in
 * with the address as user name and as password (as the README tells).
 */
class LocalMailTests {

	@Test
	void servesWhatItReceivedOverImapToTheAddressItself() throws Exception {
		try (LocalMail mail = LocalMail.start(0, 0)) {
			Properties smtp = new Properties();
			smtp.put("mail.smtp.host", "127.0.0.1");
			smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
			MimeMessage message = new MimeMessage(Session.getInstance(smtp));
			message.setFrom(new InternetAddress("beacon@localhost"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress("me@example.com"));
			message.setSubject("Confirm your subscription to Beacon Demo");
			message.setText("Confirm it by opening this link.");
			Transport.send(message);
			assertThat(mail.received()).isEqualTo(1);

			Properties imap = new Properties();
			imap.put("mail.imap.host", "127.0.0.1");
			imap.put("mail.imap.port", String.valueOf(mail.imapPort()));
			Store store = Session.getInstance(imap).getStore("imap");
			store.connect("127.0.0.1", mail.imapPort(), "me@example.com", "me@example.com");
			try {
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				assertThat(inbox.getMessageCount()).isEqualTo(1);
				assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Confirm your subscription to Beacon Demo");
				inbox.close(false);
			}
			finally {
				store.close();
			}
		}
	}

}
