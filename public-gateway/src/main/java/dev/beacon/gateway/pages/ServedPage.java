package dev.beacon.gateway.pages;

import java.util.Map;

/**
 * A page as the edge serves it: the published version and every representation of it (the
 * page document, the Statuspage API's documents, the feeds), keyed by the path below the
 * page ({@code api/v2/summary.json}, {@code history.atom}, …; the document's key is
 * {@link #DOCUMENT}).
 */
record ServedPage(PublishedPage page, Map<String, Rendition> renditions) {

	static final String DOCUMENT = "";

	Rendition rendition(String key) {
		return this.renditions.get(key);
	}

}
