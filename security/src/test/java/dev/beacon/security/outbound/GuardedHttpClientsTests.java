package dev.beacon.security.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guarded client against a real server on 127.0.0.1, with only 127.0.0.0/8 allowed.
 * The refused address is IPv6 loopback, [::1]: loopback, so a test may name it, and
 * refused, so it is never connected to.
 */
class GuardedHttpClientsTests {

	static HttpServer server;

	static int port;

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.createContext("/ok", (exchange) -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.createContext("/redirect", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "http://[::1]:" + port + "/ok");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
		port = server.getAddress().getPort();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	final OutboundAddressGuard guard = new OutboundAddressGuard(List.of(Cidr.parse("127.0.0.0/8")),
			(host) -> switch (host) {
				case "allowed.test" -> List.of(InetAddress.getByName("127.0.0.1"));
				case "refused.test" -> List.of(InetAddress.getByName("::1"));
				default -> HostResolver.SYSTEM.resolve(host);
			});

	final HttpClient client = GuardedHttpClients.create(this.guard).responseTimeout(Duration.ofSeconds(5));

	@Test
	void reachesAnAllowedAddressByLiteralAndByName() {
		assertThat(status("http://127.0.0.1:" + port + "/ok")).isEqualTo(204);
		assertThat(status("http://allowed.test:" + port + "/ok")).isEqualTo(204);
	}

	@Test
	void refusesARefusedAddressLiteralThatNoResolverSees() {
		assertThatThrownBy(() -> status("http://[::1]:" + port + "/ok"))
			.hasCauseInstanceOf(ForbiddenAddressException.class)
			.satisfies(
					(failure) -> assertThat(OutboundFailure.of(failure)).isEqualTo(OutboundFailure.TARGET_NOT_ALLOWED));
	}

	@Test
	void refusesANameThatResolvesToARefusedAddress() {
		assertThatThrownBy(() -> status("http://refused.test:" + port + "/ok")).satisfies(
				(failure) -> assertThat(OutboundFailure.of(failure)).isEqualTo(OutboundFailure.TARGET_NOT_ALLOWED));
	}

	@Test
	void refusesARedirectToARefusedAddress() {
		HttpClient following = this.client.followRedirect(true);
		assertThatThrownBy(() -> following.get().uri("http://127.0.0.1:" + port + "/redirect").response().block())
			.satisfies(
					(failure) -> assertThat(OutboundFailure.of(failure)).isEqualTo(OutboundFailure.TARGET_NOT_ALLOWED));
	}

	private int status(String url) {
		return this.client.get().uri(url).response().block().status().code();
	}

}
