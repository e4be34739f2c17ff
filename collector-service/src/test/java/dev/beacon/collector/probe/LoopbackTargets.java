package dev.beacon.collector.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * HTTP targets on loopback that behave as probes meet them: healthy, slow, failing,
 * hanging, redirecting, and a TLS server with a self-signed certificate. Counts the
 * requests each path gets.
 */
final class LoopbackTargets implements AutoCloseable {

	private final HttpServer server;

	private final CountDownLatch release = new CountDownLatch(1);

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

	LoopbackTargets() throws IOException {
		this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	private LoopbackTargets(HttpServer server) {
		this.server = server;
		server.setExecutor(Executors.newCachedThreadPool());
		route("/ok", (exchange) -> answer(exchange, 200, "all ok"));
		// answers 300 ms late, without holding a server thread meanwhile
		route("/slow", (exchange) -> this.later.schedule(() -> {
			answer(exchange, 200, "ok, slowly");
			return null;
		}, 300, TimeUnit.MILLISECONDS));
		route("/fail", (exchange) -> answer(exchange, 503, "unavailable"));
		route("/hang", (exchange) -> {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 200, "too late");
		});
		server.start();
	}

	/** A TLS server whose certificate nobody signed, made with the JDK's keytool. */
	static LoopbackTargets selfSignedTls(Path directory) throws Exception {
		Path store = directory.resolve("self-signed.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "target", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "30",
				"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		try (InputStream output = keytool.getInputStream()) {
			output.readAllBytes();
		}
		if (keytool.waitFor() != 0 || !Files.exists(store)) {
			throw new IllegalStateException("keytool could not make a certificate");
		}
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		managers.init(keys, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(managers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		return new LoopbackTargets(server);
	}

	/** Answers {@code path} with a redirect to {@code location}. */
	void redirect(String path, String location) {
		route(path, (exchange) -> {
			exchange.getResponseHeaders().set("Location", location);
			answer(exchange, 302, "");
		});
	}

	private void route(String path, HttpHandler handler) {
		this.server.createContext(path, (exchange) -> {
			this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			this.lastHeaders.put(path, exchange.getRequestMethod() + " "
					+ String.valueOf(exchange.getRequestHeaders().getFirst("X-Probe")));
			handler.handle(exchange);
		});
	}

	String url(String path) {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return scheme + "://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	/** A loopback port nothing listens on. */
	static int refusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	static List<String> loopbackOnly() {
		return List.of("127.0.0.0/8");
	}

	@Override
	public void close() {
		this.release.countDown();
		this.later.shutdownNow();
		this.server.stop(0);
	}

}
