package dev.beacon.security.outbound;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

/**
 * Why a call to a user-given URL failed, in a fixed vocabulary. This is all that may
 * leave a service where strangers or tenants can read it (a page, an incident, a webhook,
 * an API answer): exception messages name internal hosts and addresses ("No route to
 * host: /10.4.0.12:8443", "resolves to 10.1.2.3") and would let anyone map the platform's
 * network. The full failure goes to the logs.
 */
public enum OutboundFailure {

	/** The guard refused the address (SSRF). */
	TARGET_NOT_ALLOWED("Target not allowed"),

	/** The host name did not resolve. */
	DNS_FAILURE("DNS failure"),

	/** No answer in time: connecting, or waiting for the response. */
	TIMEOUT("Timeout"),

	/** The target refused the connection. */
	CONNECTION_REFUSED("Connection refused"),

	/** The TLS handshake or the certificate failed. */
	TLS_ERROR("TLS error"),

	/** Anything else: unreachable network, connection reset, a broken answer. */
	CONNECTION_FAILED("Connection failed");

	private final String text;

	OutboundFailure(String text) {
		this.text = text;
	}

	/** The wording shown for this failure. */
	public String text() {
		return this.text;
	}

	/** The wording for an answer with an unexpected HTTP status. */
	public static String httpStatus(int status) {
		return "HTTP status " + status;
	}

	/** The kind of {@code failure}, judged by its causes. */
	public static OutboundFailure of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof ForbiddenAddressException) {
				return TARGET_NOT_ALLOWED;
			}
		}
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof UnknownHostException) {
				return DNS_FAILURE;
			}
			if (cause instanceof TimeoutException || isTimeout(cause)) {
				return TIMEOUT;
			}
			if (cause instanceof SSLException) {
				return TLS_ERROR;
			}
			if (cause instanceof ConnectException && cause.getMessage() != null
					&& cause.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
				return CONNECTION_REFUSED;
			}
		}
		return CONNECTION_FAILED;
	}

	/** Netty's and the JDK's timeouts share no type but their names. */
	private static boolean isTimeout(Throwable cause) {
		return cause.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout");
	}

	private static Throwable next(Throwable cause) {
		Throwable next = cause.getCause();
		return (next == cause) ? null : next;
	}

}
