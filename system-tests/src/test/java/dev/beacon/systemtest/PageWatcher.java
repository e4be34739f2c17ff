package dev.beacon.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the public pages through the gateway about once a second for the whole run, as a
 * visitor would, and keeps what each read showed: the HTTP status and each component's
 * status, with when the request was sent and when its answer arrived.
 */
final class PageWatcher implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final URI gateway;

	private final List<String> slugs;

	PageWatcher(URI gateway, List<String> slugs) {
		this.gateway = gateway;
		this.slugs = slugs;
	}

	void start() {
		this.scheduler.scheduleAtFixedRate(this::readAll, 0, 1, TimeUnit.SECONDS);
	}

	private void readAll() {
		for (String slug : this.slugs) {
			Instant sent = Instant.now();
			HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve("/public/status/" + slug))
				.timeout(Duration.ofSeconds(5))
				.GET()
				.build();
			this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.whenComplete((response,
						failure) -> this.samples.add((failure != null)
								? new Sample(slug, sent, Instant.now(), 0, Map.of())
								: new Sample(slug, sent, Instant.now(), response.statusCode(), statuses(response))));
		}
	}

	private static Map<String, String> statuses(HttpResponse<String> response) {
		Map<String, String> statuses = new LinkedHashMap<>();
		if (response.statusCode() == 200) {
			for (JsonNode component : json.readTree(response.body()).path("components")) {
				statuses.put(component.path("name").asString(), component.path("status").asString());
			}
		}
		return statuses;
	}

	List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/**
	 * One read of one page: {@code httpStatus} 0 when no answer came; {@code statuses} by
	 * component name, empty unless 200.
	 */
	record Sample(String slug, Instant sent, Instant received, int httpStatus, Map<String, String> statuses) {
	}

}
