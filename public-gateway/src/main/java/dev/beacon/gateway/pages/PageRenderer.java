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
		byte[] bytes = this.json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
		String generated = document.path("generatedAt").asString(published.path("occurredAt").asString(null));
		Instant generatedAt = (generated != null) ? Instant.parse(generated) : Instant.now();
		PublishedPage page = new PublishedPage(applicationId, slug, published.path("isPublic").asBoolean(false),
				hosts(published.path("hosts")), hosts(published.path("appHosts")), document, bytes,
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
