package dev.beacon.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One service as a process of its own. Each incarnation logs to a file of its own under
 * the work directory ({@code <service>-<n>.log}), so the evidence of every crash and
 * restart is kept.
 */
final class ServiceProcess {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final BeaconService service;

	private final ServiceProcessConfig config;

	private final Path logDirectory;

	private final ProcessReaper reaper;

	private volatile Process process;

	private int incarnation;

	private final List<Integer> exits = new java.util.concurrent.CopyOnWriteArrayList<>();

	ServiceProcess(BeaconService service, ServiceProcessConfig config, Path logDirectory, ProcessReaper reaper) {
		this.service = service;
		this.config = config;
		this.logDirectory = logDirectory;
		this.reaper = reaper;
	}

	BeaconService service() {
		return this.service;
	}

	/** Starts a new incarnation; {@link #awaitReady} waits until it serves. */
	synchronized void start() {
		this.incarnation++;
		ProcessBuilder builder = new ProcessBuilder(this.config.command(this.service));
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("BEACON_"));
		env.putAll(this.config.environment(this.service));
		builder.redirectErrorStream(true);
		builder.redirectOutput(log().toFile());
		this.process = this.reaper.start(builder);
	}

	/** {@code kill -9}, then a new incarnation at once. */
	synchronized void killAndStart() {
		kill();
		start();
	}

	/** {@code kill -9} if it runs; for the end of the test. */
	synchronized void killIfAlive() {
		if (this.process != null) {
			this.reaper.kill(this.process.toHandle());
		}
	}

	/** {@code kill -9}. */
	synchronized void kill() {
		this.reaper.kill(this.process.toHandle());
	}

	/** A graceful stop (SIGTERM), as a deployment would stop it. */
	synchronized void stop(Duration timeout) {
		Process current = this.process;
		current.destroy();
		try {
			if (!current.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				this.reaper.kill(current.toHandle());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.reaper.kill(current.toHandle());
		}
		this.reaper.forget(current.toHandle());
	}

	/**
	 * Starts the service again if its process ended by itself (as Kubernetes restarts a
	 * crashed container): a service that cannot start while PostgreSQL or Kafka is down
	 * exits, and is started again until it can.
	 */
	synchronized boolean restartIfExited() {
		Process current = this.process;
		if (current == null || current.isAlive()) {
			return false;
		}
		this.reaper.forget(current.toHandle());
		this.exits.add(current.exitValue());
		System.out.printf("  %-10s exited by itself with %d (see %s); starting it again%n", this.service.id(),
				current.exitValue(), log());
		start();
		return true;
	}

	/** The exit codes of the incarnations that ended by themselves. */
	List<Integer> exits() {
		return List.copyOf(this.exits);
	}

	/** Waits until the service says it is ready. */
	void awaitReady(Duration timeout) {
		Instant start = Instant.now();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(this::ready);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new IllegalStateException(
					this.service.id() + " was not ready within " + timeout + "; see " + log() + ":\n" + tail(log(), 40),
					ex);
		}
		System.out.printf("  %-10s ready after %5.1f s%n", this.service.id(),
				Duration.between(start, Instant.now()).toMillis() / 1000.0);
	}

	boolean ready() {
		for (URI uri : this.config.readiness(this.service)) {
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return true;
				}
			}
			catch (IOException ex) {
				// not listening there (yet)
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	/** The log file of the current incarnation. */
	Path log() {
		return this.logDirectory.resolve(this.service.id() + "-" + this.incarnation + ".log");
	}

	/** The log files of every incarnation so far. */
	List<Path> logs() {
		return java.util.stream.IntStream.rangeClosed(1, this.incarnation)
			.mapToObj((n) -> this.logDirectory.resolve(this.service.id() + "-" + n + ".log"))
			.toList();
	}

	static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
