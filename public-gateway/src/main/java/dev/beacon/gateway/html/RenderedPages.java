package dev.beacon.gateway.html;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.beacon.gateway.pages.PublishedPage;

import org.springframework.stereotype.Component;

/**
 * The HTML of each page version. What a version shows changes only with the version and,
 * for "for 3 h 12 min", with the minute: the view and its components section are made
 * once per version and minute, and each request renders only the page around them with
 * its own "updated 12 s ago". Read most when something is broken, a page costs little per
 * reader.
 */
@Component
class RenderedPages {

	private static final int CAPACITY = 1024;

	/** Where the components go; a comment no page text can produce (text is escaped). */
	private static final String MARKER = "<!--beacon:components-->";

	private final HtmlRenderer renderer;

	private final Map<String, Prepared> prepared = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
			return size() > CAPACITY;
		}

	};

	RenderedPages(HtmlRenderer renderer) {
		this.renderer = renderer;
	}

	byte[] page(PublishedPage page, Instant now) {
		Prepared version = prepare(page, now);
		return around(this.renderer.page(version.view(now), MARKER), version.components());
	}

	byte[] content(PublishedPage page, Instant now) {
		Prepared version = prepare(page, now);
		return around(this.renderer.content(version.view(now), MARKER), version.components());
	}

	byte[] embed(PublishedPage page, Instant now) {
		return this.renderer.embed(prepare(page, now).view(now)).getBytes(StandardCharsets.UTF_8);
	}

	byte[] embedContent(PublishedPage page, Instant now) {
		return this.renderer.embedContent(prepare(page, now).view(now)).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The page rendered around a marker, the components' bytes put in its place: a
	 * request neither renders nor encodes the largest part of the page again.
	 */
	private static byte[] around(String html, byte[] components) {
		int at = html.indexOf(MARKER);
		byte[] before = html.substring(0, at).getBytes(StandardCharsets.UTF_8);
		byte[] after = html.substring(at + MARKER.length()).getBytes(StandardCharsets.UTF_8);
		byte[] page = new byte[before.length + components.length + after.length];
		System.arraycopy(before, 0, page, 0, before.length);
		System.arraycopy(components, 0, page, before.length, components.length);
		System.arraycopy(after, 0, page, before.length + components.length, after.length);
		return page;
	}

	PageView view(PublishedPage page, Instant now) {
		return prepare(page, now).view(now);
	}

	private Prepared prepare(PublishedPage page, Instant now) {
		String version = page.applicationId() + page.etag();
		String key = version + '/' + Math.floorDiv(now.getEpochSecond(), 60);
		synchronized (this.prepared) {
			Prepared found = this.prepared.get(key);
			if (found != null) {
				return found;
			}
		}
		// two requests at the turn of a minute may both render: the same result, no harm
		PageView view = PageViews.of(page.document(), page.generatedAt(), now, version);
		Prepared made = new Prepared(view, generated(page),
				this.renderer.components(view).getBytes(StandardCharsets.UTF_8));
		synchronized (this.prepared) {
			this.prepared.put(key, made);
		}
		return made;
	}

	private static Instant generated(PublishedPage page) {
		Instant inDocument = Doc.instant(page.document(), "generatedAt");
		return (inDocument != null) ? inDocument : page.generatedAt();
	}

	private record Prepared(PageView view, Instant generated, byte[] components) {

		PageView view(Instant now) {
			return this.view.withAge(PageViews.age(this.generated, now), PageViews.stale(this.generated, now));
		}

	}

}
