package dev.beacon.gateway.pages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Turns one value of {@code beacon.pages.v1} into a {@link ServedPage}: parses it once
 * and serializes every representation once, so a read only copies bytes.
 */
@Component
class PageRenderer {

	static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");

	static final String UNKNOWN_REASON = "No current data: Beacon is not receiving status updates";

	private final JsonMapper json;

	private final StatuspageV2 statuspage;

	private final HistoryFeeds feeds;

	PageRenderer(JsonMapper json, PagesProperties properties) {
		this.json = json;
		this.statuspage = new StatuspageV2(json, properties);
		this.feeds = new HistoryFeeds(properties);
	}

	/**
	 * The page in {@code value}, published for {@code applicationId}.
	 * @throws IllegalArgumentException when the value is not a page
	 */
	ServedPage render(UUID applicationId, byte[] value) {
		JsonNode published = this.json.readTree(value);
		JsonNode document = published.get("document");
		String slug = published.path("slug").asString(null);
		if (document == null || !document.isObject() || slug == null) {
			throw new IllegalArgumentException("not a page: no document or slug");
		}
		String generated = document.path("generatedAt").asString(published.path("occurredAt").asString(null));
		Instant generatedAt = (generated != null) ? Instant.parse(generated) : Instant.now();
		return serve(applicationId, slug, published.path("isPublic").asBoolean(false), hosts(published.path("hosts")),
				hosts(published.path("appHosts")), document, generatedAt);
	}

	/**
	 * The page with every component's status unknown since {@code since} (maintenance
	 * excepted: it was declared, not observed), for when the edge no longer knows that
	 * the statuses it holds are true; since the page was generated when {@code since} is
	 * null (no heartbeat read yet).
	 */
	ServedPage unknown(ServedPage served, Instant since) {
		PublishedPage page = served.page();
		Instant from = (since != null) ? since : page.generatedAt();
		ObjectNode document = (ObjectNode) page.document().deepCopy();
		boolean maintenance = false;
		for (JsonNode component : document.path("components")) {
			if ("maintenance".equals(component.path("status").asString(null))) {
				maintenance = true;
				continue;
			}
			((ObjectNode) component).put("status", "unknown")
				.put("since", from.toString())
				.put("reason", UNKNOWN_REASON)
				.putNull("degradation");
		}
		document.putObject("overall")
			.put("status", maintenance ? "maintenance" : "unknown")
			.put("description", maintenance ? "Under Maintenance" : "Status Unknown");
		return serve(page.applicationId(), page.slug(), page.isPublic(), page.hosts(), page.appHosts(), document,
				page.generatedAt());
	}

	private ServedPage serve(UUID applicationId, String slug, boolean isPublic, List<String> hosts,
			List<String> appHosts, JsonNode document, Instant generatedAt) {
		byte[] bytes = this.json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
		PublishedPage page = new PublishedPage(applicationId, slug, isPublic, hosts, appHosts, document, bytes,
				Rendition.etag(bytes), generatedAt);
		Map<String, Rendition> renditions = new LinkedHashMap<>();
		renditions.put(ServedPage.DOCUMENT, new Rendition(bytes, page.etag(), MediaType.APPLICATION_JSON));
		this.statuspage.render(page)
			.forEach((path, body) -> renditions.put(path, Rendition.of(body, MediaType.APPLICATION_JSON)));
		renditions.put("history.atom", Rendition.of(this.feeds.atom(page), ATOM));
		renditions.put("history.rss", Rendition.of(this.feeds.rss(page), RSS));
		return new ServedPage(page, Map.copyOf(renditions));
	}

	private static List<String> hosts(JsonNode names) {
		List<String> hosts = new ArrayList<>();
		for (JsonNode name : names) {
			String host = MemoryPages.normalized(name.asString(null));
			if (host != null) {
				hosts.add(host.toLowerCase(Locale.ROOT));
			}
		}
		return List.copyOf(hosts);
	}

}
