package dev.beacon.kubernetes.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes API server for pods, on loopback over HTTP: what the official client's
 * informers need and nothing more. It answers {@code GET /api/v1/namespaces/{ns}/pods}
 * with a list carrying {@code metadata.resourceVersion}, and the same with
 * {@code watch=true} as a chunked stream of one JSON event per line, flushed as it
 * happens, replaying the changes after the requested resource version. A watch from a
 * resource version older than the retained history gets a {@code 410 Gone} error event,
 * as from a real API server after compaction, so the client lists again.
 * <p>
 * Tests and the local run without a cluster change pods with {@link #apply} and
 * {@link #delete}, close every watch with {@link #closeWatches} and compact the history
 * with {@link #forgetHistory}. {@link #writeKubeconfig} writes a kubeconfig that points
 * the client here.
 */
public final class SimulatedKubernetesApi implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SimulatedKubernetesApi.class);

	private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([a-z0-9-]+)/pods");

	private static final Event CLOSE = new Event(0, "", "", null);

	private final JSON json = new JSON();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "simulated-kubernetes-api");
		thread.setDaemon(true);
		return thread;
	});

	private final Object lock = new Object();

	private final Map<String, Map<String, V1Pod>> pods = new LinkedHashMap<>();

	private final List<Event> history = new ArrayList<>();

	private final Set<BlockingQueue<Event>> watches = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> lists = new ConcurrentHashMap<>();

	private final AtomicInteger watchRequests = new AtomicInteger();

	private long resourceVersion = 1000;

	/** The oldest resource version a watch may resume from. */
	private long retainedSince = 1000;

	private SimulatedKubernetesApi(HttpServer server) {
		this.server = server;
		server.createContext("/", this::handle);
		server.setExecutor(this.threads);
		server.start();
	}

	/** Starts a server on a free loopback port. */
	public static SimulatedKubernetesApi start() {
		return start(0);
	}

	/** Starts a server on {@code port} of the loopback address (0: a free one). */
	public static SimulatedKubernetesApi start(int port) {
		try {
			return new SimulatedKubernetesApi(
					HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the simulated Kubernetes API", ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Writes a kubeconfig whose current context is this server, and returns its path. */
	public Path writeKubeconfig(Path file) {
		String config = """
				apiVersion: v1
				kind: Config
				clusters:
				- name: simulated
				  cluster:
				    server: %s
				users:
				- name: simulated
				  user:
				    token: simulated
				contexts:
				- name: simulated
				  context:
				    cluster: simulated
				    user: simulated
				current-context: simulated
				""".formatted(url());
		try {
			Files.writeString(file, config, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write a kubeconfig to " + file, ex);
		}
	}

	/**
	 * Creates the pod or replaces the one of the same namespace and name, as the API
	 * server would store it: with a uid and creation time if it has none, and a new
	 * resource version.
	 */
	public void apply(V1Pod pod) {
		synchronized (this.lock) {
			String namespace = pod.getMetadata().getNamespace();
			String name = pod.getMetadata().getName();
			V1Pod stored = this.json.deserialize(this.json.serialize(pod), V1Pod.class);
			Map<String, V1Pod> inNamespace = this.pods.computeIfAbsent(namespace, (key) -> new LinkedHashMap<>());
			V1Pod existing = inNamespace.get(name);
			if (stored.getMetadata().getUid() == null) {
				stored.getMetadata()
					.uid((existing != null) ? existing.getMetadata().getUid() : UUID.randomUUID().toString());
			}
			if (stored.getMetadata().getCreationTimestamp() == null) {
				stored.getMetadata()
					.creationTimestamp((existing != null) ? existing.getMetadata().getCreationTimestamp()
							: OffsetDateTime.now(ZoneOffset.UTC));
			}
			stored.getMetadata().resourceVersion(String.valueOf(++this.resourceVersion));
			inNamespace.put(name, stored);
			record((existing != null) ? "MODIFIED" : "ADDED", namespace, stored);
		}
	}

	/** Deletes the pod, if there is one. */
	public void delete(String namespace, String name) {
		synchronized (this.lock) {
			V1Pod removed = this.pods.getOrDefault(namespace, Map.of()).get(name);
			if (removed == null) {
				return;
			}
			this.pods.get(namespace).remove(name);
			removed.getMetadata().resourceVersion(String.valueOf(++this.resourceVersion));
			record("DELETED", namespace, removed);
		}
	}

	/** The pod as stored, if there is one. */
	public Optional<V1Pod> get(String namespace, String name) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.pods.getOrDefault(namespace, Map.of()).get(name))
				.map((pod) -> this.json.deserialize(this.json.serialize(pod), V1Pod.class));
		}
	}

	/** Ends every open watch, as an API server restarting or a load balancer would. */
	public void closeWatches() {
		this.watches.forEach((watch) -> watch.add(CLOSE));
	}

	/**
	 * Forgets the history of changes (etcd compaction): a watch from any resource version
	 * before now gets {@code 410 Gone}. Open watches are closed, so their clients resume
	 * from a version that is gone.
	 */
	public void forgetHistory() {
		synchronized (this.lock) {
			this.history.clear();
			this.retainedSince = ++this.resourceVersion;
		}
		closeWatches();
	}

	/** How many lists of the pods of {@code namespace} clients asked for. */
	public int lists(String namespace) {
		AtomicInteger count = this.lists.get(namespace);
		return (count != null) ? count.get() : 0;
	}

	/** How many watches clients opened. */
	public int watches() {
		return this.watchRequests.get();
	}

	private void record(String type, String namespace, V1Pod pod) {
		Event event = new Event(this.resourceVersion, type, namespace, this.json.serialize(pod));
		this.history.add(event);
		this.watches.forEach((watch) -> watch.add(event));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher matcher = PODS.matcher(exchange.getRequestURI().getPath());
			if (!"GET".equals(exchange.getRequestMethod()) || !matcher.matches()) {
				send(exchange, 404, status(404, "NotFound", "the simulated API serves pods only"));
				return;
			}
			Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
			String namespace = matcher.group(1);
			if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
				watch(exchange, namespace, query);
			}
			else {
				list(exchange, namespace);
			}
		}
		catch (IOException ex) {
			// the client went away: nothing to answer
			logger.debug("A client of the simulated Kubernetes API went away: {}", ex.toString());
		}
	}

	private void list(HttpExchange exchange, String namespace) throws IOException {
		this.lists.computeIfAbsent(namespace, (key) -> new AtomicInteger()).incrementAndGet();
		String body;
		synchronized (this.lock) {
			V1PodList list = new V1PodList().apiVersion("v1")
				.kind("PodList")
				.metadata(new V1ListMeta().resourceVersion(String.valueOf(this.resourceVersion)))
				.items(new ArrayList<>(this.pods.getOrDefault(namespace, Map.of()).values()));
			body = this.json.serialize(list);
		}
		send(exchange, 200, body);
	}

	private void watch(HttpExchange exchange, String namespace, Map<String, String> query) throws IOException {
		this.watchRequests.incrementAndGet();
		long from = parse(query.get("resourceVersion"));
		long timeoutSeconds = Math.max(1, parse(query.getOrDefault("timeoutSeconds", "300")));
		BlockingQueue<Event> events = new LinkedBlockingQueue<>();
		boolean gone;
		synchronized (this.lock) {
			gone = from != 0 && from < this.retainedSince;
			if (!gone) {
				this.history.stream()
					.filter((event) -> event.resourceVersion() > from && event.namespace().equals(namespace))
					.forEach(events::add);
				this.watches.add(events);
			}
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		// one watch per connection: OkHttp would otherwise reuse the socket
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		if (gone) {
			line(out, "{\"type\":\"ERROR\",\"object\":"
					+ status(410, "Expired", "too old resource version: " + from + " (" + this.retainedSince + ")")
					+ "}");
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				Event event = events.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
				if (event == null || event == CLOSE) {
					return;
				}
				if (event.namespace().equals(namespace)) {
					line(out, "{\"type\":\"" + event.type() + "\",\"object\":" + event.pod() + "}");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.watches.remove(events);
		}
	}

	private static void line(OutputStream out, String json) throws IOException {
		out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private String status(int code, String reason, String message) {
		return this.json.serialize(new V1Status().apiVersion("v1")
			.kind("Status")
			.status("Failure")
			.code(code)
			.reason(reason)
			.message(message));
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq),
							java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return query;
	}

	private static long parse(String number) {
		try {
			return (number != null && !number.isEmpty()) ? Long.parseLong(number) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		closeWatches();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private record Event(long resourceVersion, String type, String namespace, String pod) {
	}

}
