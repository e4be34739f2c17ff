package dev.beacon.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything the fault-injection test runs: one PostgreSQL server and one Kafka broker
 * (each restartable, on fixed loopback ports), the five services as separate processes,
 * and a loopback HTTP server with the probe targets and the webhook receiver. Started
 * before the test class, and torn down after it whatever happened — every process killed,
 * also when the JVM exits early (see {@link ProcessReaper}). Files go to the work
 * directory ({@code system-tests/target/fault-injection}): one log per process
 * incarnation, the broker's and the database's data, the report.
 */
final class FaultRig implements BeforeAllCallback, AfterAllCallback {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private final int targetCount;

	private final Instant created = Instant.now();

	private Path workDirectory;

	private ProcessReaper reaper;

	private RestartablePostgres postgres;

	private KafkaBrokerProcess kafka;

	private HttpServer loopback;

	private Targets targets;

	private WebhookReceiver receiver;

	private ServiceProcessConfig config;

	private final Map<BeaconService, ServiceProcess> services = new EnumMap<>(BeaconService.class);

	private ScheduledExecutorService supervisor;

	FaultRig(int targetCount) {
		this.targetCount = targetCount;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String work = System.getProperty("beacon.fault.work-dir", "target/fault-injection");
		this.workDirectory = Path.of(work).toAbsolutePath();
		Files.createDirectories(this.workDirectory.getParent());
		this.reaper = new ProcessReaper(this.workDirectory.resolveSibling("fault-injection.pids"));
		deleteRecursively(this.workDirectory);
		Files.createDirectories(this.workDirectory.resolve("logs"));
		System.out.println("Fault-injection work directory: " + this.workDirectory);

		this.postgres = new RestartablePostgres(this.workDirectory.resolve("postgres"), this.reaper);
		this.postgres.start();
		this.postgres.createDatabases(List.of("status_api", "incident", "notifier"));
		this.kafka = new KafkaBrokerProcess(this.workDirectory.resolve("kafka"), this.reaper);
		this.kafka.start();
		this.kafka.awaitReady(STARTUP_TIMEOUT);

		this.loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.targets = new Targets(this.loopback, this.targetCount);
		this.receiver = new WebhookReceiver(this.loopback);
		this.loopback.setExecutor(Executors.newFixedThreadPool(8));
		this.loopback.start();

		Map<BeaconService, Integer> ports = new EnumMap<>(BeaconService.class);
		Map<BeaconService, Integer> managementPorts = new EnumMap<>(BeaconService.class);
		for (BeaconService service : BeaconService.values()) {
			ports.put(service, FreePorts.next());
			managementPorts.put(service, FreePorts.next());
		}
		this.config = new ServiceProcessConfig(this.kafka.bootstrapServers(), "127.0.0.1", this.postgres.port(),
				RestartablePostgres.USER, RestartablePostgres.PASSWORD, ports, managementPorts);
		for (BeaconService service : BeaconService.values()) {
			ServiceProcess process = new ServiceProcess(service, this.config, this.workDirectory.resolve("logs"),
					this.reaper);
			this.services.put(service, process);
			process.start();
		}
		this.supervisor = Executors.newSingleThreadScheduledExecutor();
		this.supervisor.scheduleWithFixedDelay(() -> this.services.values().forEach(ServiceProcess::restartIfExited), 2,
				2, TimeUnit.SECONDS);
		for (ServiceProcess process : this.services.values()) {
			process.awaitReady(STARTUP_TIMEOUT);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<Runnable> steps = new ArrayList<>();
		steps.add(this::stopSupervising);
		steps.add(() -> this.services.values().forEach(ServiceProcess::killIfAlive));
		steps.add(() -> this.kafka.kill());
		steps.add(() -> this.postgres.close());
		steps.add(() -> this.loopback.stop(0));
		steps.add(() -> this.reaper.close());
		for (Runnable step : steps) {
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				System.err.println("While tearing the fault-injection rig down: " + ex);
			}
		}
	}

	/** Stops restarting services that exit, so that they can be stopped for good. */
	void stopSupervising() {
		if (this.supervisor != null) {
			this.supervisor.shutdownNow();
		}
	}

	Path workDirectory() {
		return this.workDirectory;
	}

	RestartablePostgres postgres() {
		return this.postgres;
	}

	KafkaBrokerProcess kafka() {
		return this.kafka;
	}

	Targets targets() {
		return this.targets;
	}

	WebhookReceiver receiver() {
		return this.receiver;
	}

	ServiceProcessConfig config() {
		return this.config;
	}

	List<ServiceProcess> services() {
		return List.copyOf(this.services.values());
	}

	ServiceProcess service(BeaconService service) {
		return this.services.get(service);
	}

	/** Where the loopback targets and webhook receiver answer. */
	String loopbackBase() {
		return "http://127.0.0.1:" + this.loopback.getAddress().getPort();
	}

	/** Seconds since the rig was created, for the console. */
	String elapsed() {
		return String.format("[%6.1f s]", Duration.between(this.created, Instant.now()).toMillis() / 1000.0);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
