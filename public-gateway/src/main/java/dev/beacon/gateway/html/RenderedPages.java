package dev.beacon.gateway.html;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import dev.beacon.gateway.pages.PublishedPage;

import org.springframework.stereotype.Component;

/**
 * The HTML of each page version. What a version shows changes only with the version and,
 * for "for 3 h 12 min", with the minute: the view and its components section are made
 * once per version and minute. The whole answer — the page around them with its own
 * "updated 12 s ago" — is made once per version and second, with its gzip-compressed
 * bytes: a request copies bytes, however many readers a page has. That matters most when
 * something is broken: every open page fetches the new version at the same moment.
 */
@Component
class RenderedPages {

	private static final int CAPACITY = 1024;

	/** Where the components go; a comment no page text can produce (text is escaped). */
	private static final String MARKER = "<!--beacon:components-->";

	private final HtmlRenderer renderer;

	private final Map<String, Prepared> prepared = lru(CAPACITY);

	/** The latest answer of each kind for each page. */
	private final Map<String, Html> answers = lru(CAPACITY);

	RenderedPages(HtmlRenderer renderer) {
		this.renderer = renderer;
	}

	/** The whole page. */
	Html page(PublishedPage page, Instant now) {
		return answer("page", page, now,
				(version, at) -> around(this.renderer.page(version.view(at), MARKER), version));
	}

	/** The page's live part alone, which the script swaps in. */
	Html content(PublishedPage page, Instant now) {
		return answer("content", page, now,
				(version, at) -> around(this.renderer.content(version.view(at), MARKER), version));
	}

	Html embed(PublishedPage page, Instant now) {
		return answer("embed", page, now, (version, at) -> Html.of(this.renderer.embed(version.view(at))));
	}

	Html embedContent(PublishedPage page, Instant now) {
		return answer("embed-content", page, now,
				(version, at) -> Html.of(this.renderer.embedContent(version.view(at))));
	}

	private Html answer(String kind, PublishedPage page, Instant now, BiFunction<Prepared, Instant, Html> render) {
		String key = kind + '/' + page.applicationId();
		String version = page.etag() + '/' + now.getEpochSecond();
		Html found;
		synchronized (this.answers) {
			found = this.answers.get(key);
		}
		if (found != null && found.version().equals(version)) {
			return found;
		}
		// two requests in the same new second may both render: the same result, no harm
		Html made = render.apply(prepare(page, now), now).version(version);
		synchronized (this.answers) {
			this.answers.put(key, made);
		}
		return made;
	}

	/**
	 * The page rendered around a marker, the components' bytes put in its place: the
	 * largest part of the page is neither rendered, nor encoded, nor compressed again.
	 */
	private static Html around(String html, Prepared version) {
		int at = html.indexOf(MARKER);
		byte[] before = html.substring(0, at).getBytes(StandardCharsets.UTF_8);
		byte[] after = html.substring(at + MARKER.length()).getBytes(StandardCharsets.UTF_8);
		byte[] components = version.components();
		return new Html("", before, components, after,
				Gzip.of(before, components, version.compressedComponents(), after));
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
		byte[] components = this.renderer.components(view).getBytes(StandardCharsets.UTF_8);
		Prepared made = new Prepared(view, generated(page), components, Gzip.segment(components));
		synchronized (this.prepared) {
			this.prepared.put(key, made);
		}
		return made;
	}

	private static Instant generated(PublishedPage page) {
		Instant inDocument = Doc.instant(page.document(), "generatedAt");
		return (inDocument != null) ? inDocument : page.generatedAt();
	}

	private static <V> Map<String, V> lru(int capacity) {
		return new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * One answer as sent: gzip-compressed (the gateway's compression leaves an answer
	 * alone that says it is encoded already), and in pieces for the few clients that do
	 * not take gzip: the components' bytes are shared with the version, not copied.
	 *
	 * @param version the page version and the second it was made for
	 */
	record Html(String version, byte[] before, byte[] components, byte[] after, byte[] gzip) {

		private static final byte[] NONE = new byte[0];

		static Html of(String html) {
			byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
			return new Html("", bytes, NONE, NONE, Gzip.of(bytes));
		}

		Html version(String version) {
			return new Html(version, this.before, this.components, this.after, this.gzip);
		}

		/** The answer uncompressed. */
		byte[] bytes() {
			byte[] page = new byte[this.before.length + this.components.length + this.after.length];
			System.arraycopy(this.before, 0, page, 0, this.before.length);
			System.arraycopy(this.components, 0, page, this.before.length, this.components.length);
			System.arraycopy(this.after, 0, page, this.before.length + this.components.length, this.after.length);
			return page;
		}

	}

	/**
	 * A version's view and its components section, as bytes and as a deflate segment
	 * ({@link Gzip#segment}).
	 */
	private record Prepared(PageView view, Instant generated, byte[] components, byte[] compressedComponents) {

		PageView view(Instant now) {
			return this.view.withAge(PageViews.age(this.generated, now), PageViews.stale(this.generated, now));
		}

	}

}
