package dev.beacon.notifier.email;

import jakarta.mail.util.StreamProvider;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up with a {@code ServiceLoader}, a
 * scan of the class path, every time it builds a body part or multipart and every time it
 * encodes one (jakartaee/mail-api#699, #861, fixed in 2.2): that was half the CPU of
 * sending a mail. Its lookup takes the class named by a system property first, so the
 * provider it finds is named there once.
 */
final class MailStreams {

	private MailStreams() {
	}

	/**
	 * Names the provider Jakarta Mail finds now, unless a provider is named already.
	 */
	static void pinProvider() {
		String property = StreamProvider.class.getName();
		if (System.getProperty(property) == null) {
			System.setProperty(property, StreamProvider.provider().getClass().getName());
		}
	}

}
