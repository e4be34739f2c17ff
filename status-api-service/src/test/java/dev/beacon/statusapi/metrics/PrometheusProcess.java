package dev.beacon.statusapi.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server for tests: Debian's {@code prometheus} (on the PATH, or
 * {@code BEACON_TEST_PROMETHEUS}) started as a process on a free loopback port, with a
 * configuration and a TSDB directory of its own, scraping {@code target} every second.
 * {@link #close()} kills it and removes its files; a JVM shutdown hook does too, should a
 * test not get there.
 */
final class PrometheusProcess implements AutoCloseable {

	private final Process process;

	private final Path directory;

	private final int port;

	private PrometheusProcess(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/** Whether a Prometheus binary can be started here. */
	static boolean available() {
		return Files.isExecutable(binary());
	}

	static PrometheusProcess start(String target) {
		try {
			Path directory = Files.createTempDirectory("beacon-prometheus-");
			Path config = directory.resolve("prometheus.yml");
			Files.writeString(config, """
					global:
					  scrape_interval: 1s
					  evaluation_interval: 1s
					scrape_configs:
					  - job_name: beacon-test
					    static_configs:
					      - targets: ['%s']
					""".formatted(target));
			int port = freePort();
			Process process = new ProcessBuilder(binary().toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("prometheus.log").toFile())
				.start();
			PrometheusProcess prometheus = new PrometheusProcess(process, directory, port);
			Runtime.getRuntime().addShutdownHook(new Thread(prometheus::close, "prometheus-stop"));
			await().atMost(Duration.ofSeconds(20)).until(prometheus::ready);
			return prometheus;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	int port() {
		return this.port;
	}

	private boolean ready() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Prometheus exited; see " + this.directory.resolve("prometheus.log"));
		}
		try {
			HttpResponse<Void> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(url().resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
			return answer.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Kills the process and waits for it, then removes its files. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind harms nothing
		}
	}

	private static Path binary() {
		String configured = System.getenv("BEACON_TEST_PROMETHEUS");
		return Path.of((configured != null && !configured.isBlank()) ? configured : "/usr/bin/prometheus");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
