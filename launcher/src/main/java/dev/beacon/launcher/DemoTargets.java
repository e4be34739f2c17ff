package dev.beacon.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo application that the local run watches: {@code /healthy} always answers 200,
 * {@code /flaky} answers 200 for a while and then 503 for a while, over and over. It also
 * takes the webhooks Beacon sends ({@code /webhook}) and hands each to a listener.
 */
final class DemoTargets implements AutoCloseable {

	private final HttpServer server;

	private final long startedAt = System.nanoTime();

	private final Duration up;

	private final Duration down;

	DemoTargets(int port, Duration up, Duration down, Consumer<HttpExchange> webhooks) {
		this.up = up;
		this.down = down;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the demo application on port " + port, ex);
		}
		this.server.createContext("/healthy", (exchange) -> answer(exchange, 200, "ok"));
		this.server.createContext("/flaky", (exchange) -> {
			boolean healthy = isFlakyHealthy();
			answer(exchange, healthy ? 200 : 503, healthy ? "ok" : "failing on purpose");
		});
		this.server.createContext("/webhook", (exchange) -> {
			webhooks.accept(exchange);
			answer(exchange, 204, "");
		});
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.start();
	}

	/**
	 * Healthy for {@code up}, then failing for {@code down}, and so on from the start.
	 */
	boolean isFlakyHealthy() {
		long cycle = this.up.toMillis() + this.down.toMillis();
		long elapsed = Duration.ofNanos(System.nanoTime() - this.startedAt).toMillis();
		return elapsed % cycle < this.up.toMillis();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getRequestBody().readAllBytes();
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
