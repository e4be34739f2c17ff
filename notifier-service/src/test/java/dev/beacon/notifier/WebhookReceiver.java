package dev.beacon.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on the loopback interface that records every request and answers
 * with the scripted status codes in turn (the last one repeats).
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

	private final int lastStatus;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private final boolean hang;

	private final long delayMillis;

	private WebhookReceiver(boolean hang, long delayMillis, int... statuses) {
		this.hang = hang;
		this.delayMillis = delayMillis;
		for (int status : statuses) {
			this.script.add(status);
		}
		this.lastStatus = statuses[statuses.length - 1];
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Answers with these statuses in turn, repeating the last. */
	public static WebhookReceiver answering(int... statuses) {
		return new WebhookReceiver(false, 0, statuses);
	}

	/** Answers 200 to each request after {@code millis}. */
	public static WebhookReceiver slow(long millis) {
		return new WebhookReceiver(false, millis, 200);
	}

	/** Reads the request, then never answers (until closed). */
	public static WebhookReceiver hanging() {
		return new WebhookReceiver(true, 0, 200);
	}

	/** e.g. {@code http://127.0.0.1:54321/hook} */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(), (entry) -> entry.getValue().get(0)));
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getRawQuery(), headers,
					new String(body.readAllBytes(), StandardCharsets.UTF_8)));
			if (this.hang) {
				this.released.await(30, TimeUnit.SECONDS);
			}
			else if (this.delayMillis > 0) {
				// a receiver that takes its time, not a wait for async work
				this.released.await(this.delayMillis, TimeUnit.MILLISECONDS);
			}
			Integer next = this.script.poll();
			exchange.sendResponseHeaders((next != null) ? next : this.lastStatus, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
	}

	/** One request as received; header names in lowercase. */
	public record Request(String method, String path, String query, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

}
