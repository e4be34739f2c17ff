package dev.beacon.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.beacon.kubernetes.simulator.SimulatedKubernetesApi;
import dev.beacon.kubernetes.simulator.SimulatedPods;

/**
 * The pods of the demo's <em>Worker</em> when no cluster is configured: a simulated
 * Kubernetes API on loopback (the one the collector's tests use, spoken to by the
 * official client over HTTP) with three pods in namespace {@code demo} labelled
 * {@code app=worker}. They are all ready for {@code healthy}, then for {@code troubled}
 * one crash-loops and one fails its readiness probe ("1/3 pods ready: CrashLoopBackOff,
 * NotReady"), and so on.
 */
final class DemoPods implements AutoCloseable {

	static final String NAMESPACE = "demo";

	static final String SELECTOR = "app=worker";

	private static final Map<String, String> LABELS = Map.of("app", "worker");

	private final SimulatedKubernetesApi api;

	private final Path kubeconfig;

	private final ScheduledExecutorService cycle = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "demo-pods");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger crashes = new AtomicInteger();

	DemoPods(int port, Duration healthy, Duration troubled) {
		this.api = SimulatedKubernetesApi.start(port);
		try {
			this.kubeconfig = this.api.writeKubeconfig(Files.createTempFile("beacon-demo-kubeconfig", ".yaml"));
			this.kubeconfig.toFile().deleteOnExit();
		}
		catch (IOException ex) {
			this.api.close();
			throw new UncheckedIOException(ex);
		}
		healthy();
		long period = healthy.plus(troubled).toMillis();
		this.cycle.scheduleAtFixedRate(this::troubled, healthy.toMillis(), period, TimeUnit.MILLISECONDS);
		this.cycle.scheduleAtFixedRate(this::healthy, period, period, TimeUnit.MILLISECONDS);
	}

	/** The kubeconfig that points a client at the simulated API. */
	Path kubeconfig() {
		return this.kubeconfig;
	}

	SimulatedKubernetesApi api() {
		return this.api;
	}

	/**
	 * All three pods ready; the crash-looping one was replaced by a new pod (a new uid,
	 * no restarts), as its Deployment would.
	 */
	void healthy() {
		if (this.crashes.get() > 0) {
			this.api.delete(NAMESPACE, "worker-1");
		}
		for (int i = 0; i < 3; i++) {
			this.api.apply(SimulatedPods.ready(NAMESPACE, "worker-" + i, LABELS, 0));
		}
	}

	void troubled() {
		this.api.apply(SimulatedPods.crashLooping(NAMESPACE, "worker-1", LABELS, this.crashes.incrementAndGet()));
		this.api.apply(SimulatedPods.unready(NAMESPACE, "worker-2", LABELS, 0));
	}

	@Override
	public void close() {
		this.cycle.shutdownNow();
		this.api.close();
	}

}
