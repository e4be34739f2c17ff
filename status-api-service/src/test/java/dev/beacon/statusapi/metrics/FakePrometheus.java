package dev.beacon.statusapi.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers Prometheus's query API the way a test says — with a
 * value, slowly, or with an error — and counts the queries it receives. For the failure
 * paths a real Prometheus cannot be made to take on demand.
 */
final class FakePrometheus implements AutoCloseable {

	private final HttpServer server;

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	final AtomicInteger queries = new AtomicInteger();

	final AtomicInteger status = new AtomicInteger(200);

	final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

	final AtomicReference<String> value = new AtomicReference<>("42");

	FakePrometheus() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/api/v1/", this::answer);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.queries.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		Duration pause = this.delay.get();
		if (pause.isZero()) {
			respond(exchange);
		}
		else {
			// the server is the slow peer under test: it holds its answer back, without
			// holding a thread
			this.later.schedule(() -> respond(exchange), pause.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void respond(HttpExchange exchange) {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			int code = this.status.get();
			String body;
			if (code == 400) {
				body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:5: parse error: unexpected end of input\"}";
			}
			else if (code != 200) {
				body = "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"overloaded\"}";
			}
			else if (path.endsWith("/query_range")) {
				body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1700000000,\"1\"],[1700000900,\""
						+ this.value.get() + "\"]]}]}}";
			}
			else {
				body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1700000900,\""
						+ this.value.get() + "\"]}]}}";
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(code, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (IOException ex) {
			// the client gave up (a timeout under test)
		}
	}

	@Override
	public void close() {
		this.later.shutdownNow();
		this.server.stop(0);
	}

}
