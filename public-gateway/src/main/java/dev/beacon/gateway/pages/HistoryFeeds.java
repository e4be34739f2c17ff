package dev.beacon.gateway.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A page's incident history as Atom and RSS 2.0 feeds: open incidents and those the page
 * still shows as recently resolved, newest first, each with its timeline.
 */
final class HistoryFeeds {

	private final PagesProperties properties;

	HistoryFeeds(PagesProperties properties) {
		this.properties = properties;
	}

	String atom(PublishedPage page) {
		String url = this.properties.pageUrl(page.slug());
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n")
			.append("  <id>")
			.append(escape(url + "/history.atom"))
			.append("</id>\n  <title>")
			.append(escape(name(page)))
			.append(" status history</title>\n  <link rel=\"alternate\" type=\"text/html\" href=\"")
			.append(escape(url))
			.append("\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
			.append(escape(url + "/history.atom"))
			.append("\"/>\n  <updated>")
			.append(DateTimeFormatter.ISO_INSTANT.format(page.generatedAt()))
			.append("</updated>\n  <author><name>")
			.append(escape(name(page)))
			.append("</name></author>\n");
		for (JsonNode incident : incidents(page)) {
			String link = url + "#incident-" + incident.path("id").asString();
			xml.append("  <entry>\n    <id>")
				.append(escape(link))
				.append("</id>\n    <title>")
				.append(escape(incident.path("title").asString()))
				.append("</title>\n    <published>")
				.append(iso(incident.path("startedAt")))
				.append("</published>\n    <updated>")
				.append(iso(incident.path("updatedAt")))
				.append("</updated>\n    <link rel=\"alternate\" type=\"text/html\" href=\"")
				.append(escape(link))
				.append("\"/>\n    <content type=\"html\">")
				.append(escape(timeline(incident)))
				.append("</content>\n  </entry>\n");
		}
		return xml.append("</feed>\n").toString();
	}

	String rss(PublishedPage page) {
		String url = this.properties.pageUrl(page.slug());
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n  <channel>\n    <title>")
			.append(escape(name(page)))
			.append(" status history</title>\n    <link>")
			.append(escape(url))
			.append("</link>\n    <description>")
			.append(escape("Incident history of " + name(page)))
			.append("</description>\n    <atom:link href=\"")
			.append(escape(url + "/history.rss"))
			.append("\" rel=\"self\" type=\"application/rss+xml\"/>\n    <lastBuildDate>")
			.append(rfc1123(page.generatedAt()))
			.append("</lastBuildDate>\n");
		for (JsonNode incident : incidents(page)) {
			String link = url + "#incident-" + incident.path("id").asString();
			xml.append("    <item>\n      <title>")
				.append(escape(incident.path("title").asString()))
				.append("</title>\n      <link>")
				.append(escape(link))
				.append("</link>\n      <guid isPermaLink=\"false\">")
				.append(escape(incident.path("id").asString()))
				.append("</guid>\n      <pubDate>")
				.append(rfc1123(Instant.parse(incident.path("startedAt").asString())))
				.append("</pubDate>\n      <description>")
				.append(escape(timeline(incident)))
				.append("</description>\n    </item>\n");
		}
		return xml.append("  </channel>\n</rss>\n").toString();
	}

	private static List<JsonNode> incidents(PublishedPage page) {
		List<JsonNode> incidents = new ArrayList<>();
		page.document().path("incidents").forEach(incidents::add);
		page.document().path("recentIncidents").forEach(incidents::add);
		incidents.sort(Comparator.comparing((JsonNode incident) -> incident.path("startedAt").asString("")).reversed());
		return incidents;
	}

	private static String timeline(JsonNode incident) {
		StringBuilder html = new StringBuilder();
		for (JsonNode update : incident.path("updates")) {
			html.append("<p><small>")
				.append(escape(iso(update.path("createdAt"))))
				.append("</small><br><strong>")
				.append(escape(update.path("status").asString()))
				.append("</strong> - ")
				.append(escape(update.path("body").asString()))
				.append("</p>");
		}
		if (html.isEmpty()) {
			html.append("<p><strong>")
				.append(escape(incident.path("status").asString()))
				.append("</strong> - ")
				.append(escape(incident.path("latestUpdate").asString(incident.path("title").asString())))
				.append("</p>");
		}
		return html.toString();
	}

	private static String name(PublishedPage page) {
		return page.document().path("name").asString(page.slug());
	}

	private static String iso(JsonNode value) {
		return value.isMissingNode() || value.isNull() ? ""
				: DateTimeFormatter.ISO_INSTANT.format(Instant.parse(value.asString()));
	}

	private static String rfc1123(Instant at) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
	}

	/**
	 * XML text and attribute escaping; control characters (never valid in XML 1.0)
	 * dropped.
	 */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&apos;");
				default -> {
					if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
						escaped.appendCodePoint(c);
					}
				}
			}
		});
		return escaped.toString();
	}

}
