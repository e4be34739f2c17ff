package dev.beacon.security.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundFailureTests {

	@Test
	void namesEachFailureInTheFixedVocabularyWithoutItsMessage() {
		assertThat(text(new ForbiddenAddressException("The host x resolves to 10.1.2.3 ...")))
			.isEqualTo("Target not allowed");
		assertThat(text(new IOException("wrapped", new ForbiddenAddressException("10.1.2.3"))))
			.isEqualTo("Target not allowed");
		assertThat(text(new UnknownHostException("db.internal.corp"))).isEqualTo("DNS failure");
		assertThat(text(new TimeoutException("Did not observe any item within 2000ms"))).isEqualTo("Timeout");
		assertThat(text(new ConnectTimeoutException("connection timed out: /10.4.0.12:8443"))).isEqualTo("Timeout");
		assertThat(text(ReadTimeoutException.INSTANCE)).isEqualTo("Timeout");
		assertThat(text(new ConnectException("Connection refused: /10.4.0.12:8443"))).isEqualTo("Connection refused");
		assertThat(text(new ConnectException("No route to host: /10.4.0.12:8443"))).isEqualTo("Connection failed");
		assertThat(text(new NoRouteToHostException("No route to host"))).isEqualTo("Connection failed");
		assertThat(text(new SSLHandshakeException("PKIX path building failed for db.internal.corp")))
			.isEqualTo("TLS error");
		assertThat(text(new IllegalStateException("anything else at 10.9.9.9"))).isEqualTo("Connection failed");
		assertThat(OutboundFailure.httpStatus(503)).isEqualTo("HTTP status 503");
	}

	private static String text(Throwable failure) {
		return OutboundFailure.of(failure).text();
	}

}
