package dev.beacon.gateway.pages;

import java.util.HashMap;
import java.util.Map;

/**
 * A page as the edge serves it: the published version and every representation of it (the
 * page document, the Statuspage API's documents, the feeds), keyed by the path below the
 * page ({@code api/v2/summary.json}, {@code history.atom}, …; the document's key is
 * {@link #DOCUMENT}).
 */
record ServedPage(PublishedPage page, Map<String, Rendition> renditions, Map<String, OpenRead> openReads) {

	ServedPage(PublishedPage page, Map<String, Rendition> renditions) {
		this(page, renditions, openReads(page, renditions));
	}

	static final String DOCUMENT = "";

	Rendition rendition(String key) {
		return this.renditions.get(key);
	}

	/** The representation at {@code key} as anyone reads it; null if none or private. */
	OpenRead openRead(String key) {
		return this.openReads.get(key);
	}

	/** A private page has none: its reads always take the full stack. */
	private static Map<String, OpenRead> openReads(PublishedPage page, Map<String, Rendition> renditions) {
		if (!page.isPublic()) {
			return Map.of();
		}
		Map<String, OpenRead> open = new HashMap<>();
		renditions.forEach((key, rendition) -> open.put(key, OpenRead.of(rendition, page.generatedAt())));
		return Map.copyOf(open);
	}

}
