package dev.beacon.gateway.html;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * The page's pictures, drawn on the server so the page is complete without JavaScript.
 * Colours come from CSS classes (the page's style sheet has light and dark values); every
 * picture carries its meaning in text too.
 */
final class Svg {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);

	private static final int BAR_STEP = 5;

	private static final Map<String, String> DAY_NAMES = new ConcurrentHashMap<>();

	private Svg() {
	}

	/** 90 daily bars, oldest first; each bar's {@code <title>} is its tooltip. */
	static String dayBars(List<JsonNode> days) {
		int width = days.size() * BAR_STEP - 1;
		StringBuilder svg = new StringBuilder(days.size() * 110);
		svg.append("<svg class=\"days\" viewBox=\"0 0 ")
			.append(width)
			.append(" 34\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">");
		for (int i = 0; i < days.size(); i++) {
			JsonNode day = days.get(i);
			// size and colour come from the style sheet: 4,500 bars on a page of 50
			// components
			svg.append("<rect x=\"")
				.append(i * BAR_STEP)
				.append("\" class=\"")
				.append(dayClass(day))
				.append("\"><title>")
				.append(escape(dayTip(day)))
				.append("</title></rect>");
		}
		return svg.append("</svg>").toString();
	}

	/**
	 * One letter per status keeps the bars small: o, d, x (outage), m, u, n (no data).
	 */
	private static String dayClass(JsonNode day) {
		String worst = Doc.text(day, "worst");
		if (worst == null) {
			return (Doc.number(day, "uptime") != null) ? "o" : "n";
		}
		return switch (Wording.status(worst)) {
			case "operational" -> "o";
			case "degraded" -> "d";
			case "outage" -> "x";
			case "maintenance" -> "m";
			default -> "u";
		};
	}

	static String dayTip(JsonNode day) {
		StringBuilder tip = new StringBuilder(dayName(Doc.text(day, "date")));
		Double uptime = Doc.number(day, "uptime");
		String worst = Doc.text(day, "worst");
		if (uptime == null && worst == null) {
			return tip.append(": no data").toString();
		}
		tip.append(": ").append((uptime != null) ? Wording.percent(uptime) + " uptime" : "uptime not counted");
		if (worst != null && !"operational".equals(worst)) {
			tip.append(", worst ").append(Wording.statusLabel(worst, null).toLowerCase(Locale.ROOT));
		}
		int incidents = Doc.list(day, "incidentIds").size();
		if (incidents > 0) {
			tip.append(", ").append(incidents).append((incidents == 1) ? " incident" : " incidents");
		}
		return tip.toString();
	}

	private static String dayName(String date) {
		if (date == null) {
			return "Unknown day";
		}
		if (DAY_NAMES.size() > 2000) {
			DAY_NAMES.clear();
		}
		// every component of every page shows the same 90 days: name each once
		return DAY_NAMES.computeIfAbsent(date, Svg::formatDay);
	}

	private static String formatDay(String date) {
		try {
			return DAY.format(LocalDate.parse(date));
		}
		catch (DateTimeParseException ex) {
			return date;
		}
	}

	/** p50 and p95 of the last 24 hours, scaled to the highest p95. */
	static String responseChart(String component, List<JsonNode> hourly) {
		double max = 1;
		for (JsonNode hour : hourly) {
			max = Math.max(max, value(hour, "p95Millis", "meanMillis"));
		}
		double top = niceCeiling(max);
		StringBuilder svg = new StringBuilder(1200);
		svg.append("<svg class=\"rt\" viewBox=\"0 0 300 64\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
			.append(escape("Response time of " + component + " over the last 24 hours, up to " + Wording.millis(top)))
			.append("\"><line class=\"rt-axis\" x1=\"0\" y1=\"63.5\" x2=\"300\" y2=\"63.5\"/>")
			.append("<line class=\"rt-grid\" x1=\"0\" y1=\"32\" x2=\"300\" y2=\"32\"/>");
		svg.append("<polyline class=\"rt-p95\" points=\"");
		points(svg, hourly, top, "p95Millis", "meanMillis");
		svg.append("\"/><polyline class=\"rt-p50\" points=\"");
		points(svg, hourly, top, "p50Millis", "meanMillis");
		return svg.append("\"/></svg>").toString();
	}

	static String latestResponse(List<JsonNode> hourly) {
		JsonNode last = hourly.get(hourly.size() - 1);
		return "last hour: p50 " + Wording.millis(value(last, "p50Millis", "meanMillis")) + ", p95 "
				+ Wording.millis(value(last, "p95Millis", "meanMillis")) + " · scale " + Wording.millis(niceCeiling(
						hourly.stream().mapToDouble((hour) -> value(hour, "p95Millis", "meanMillis")).max().orElse(1)));
	}

	private static void points(StringBuilder svg, List<JsonNode> hours, double top, String field, String fallback) {
		double step = (hours.size() > 1) ? 300.0 / (hours.size() - 1) : 0;
		for (int i = 0; i < hours.size(); i++) {
			double y = 62 - 60 * Math.min(1, value(hours.get(i), field, fallback) / top);
			svg.append(number(i * step)).append(',').append(number(y)).append(' ');
		}
	}

	private static double value(JsonNode node, String field, String fallback) {
		Double value = Doc.number(node, field);
		if (value == null) {
			value = Doc.number(node, fallback);
		}
		return (value != null) ? value : 0;
	}

	/** The next of 1, 2, 5 × 10ⁿ above {@code value}, so the scale reads well. */
	static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
		for (double step : new double[] { 1, 2, 5, 10 }) {
			if (value <= step * magnitude) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	/** A custom metric's last 24 hours, scaled between its lowest and highest value. */
	static String sparkline(String name, List<JsonNode> samples) {
		double min = Double.MAX_VALUE;
		double max = -Double.MAX_VALUE;
		for (JsonNode sample : samples) {
			double value = value(sample, "value", "value");
			min = Math.min(min, value);
			max = Math.max(max, value);
		}
		double span = (max > min) ? max - min : 1;
		double step = 120.0 / (samples.size() - 1);
		StringBuilder svg = new StringBuilder(samples.size() * 14 + 200);
		svg.append(
				"<svg class=\"spark\" viewBox=\"0 0 120 28\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
			.append(escape(((name != null) ? name : "Metric") + " over the last 24 hours, from " + number(min) + " to "
					+ number(max)))
			.append("\"><polyline points=\"");
		for (int i = 0; i < samples.size(); i++) {
			double y = 26 - 24 * (value(samples.get(i), "value", "value") - min) / span;
			svg.append(number(i * step)).append(',').append(number(y)).append(' ');
		}
		return svg.append("\"/></svg>").toString();
	}

	/** A shields-style badge: a grey label and the status in its colour. */
	static String badge(String label, String message, String status) {
		int left = textWidth(label) + 12;
		int right = textWidth(message) + 12;
		String colour = switch (Wording.status(status)) {
			case "operational" -> "#1a7f37";
			case "degraded" -> "#9a6700";
			case "outage" -> "#cf222e";
			case "maintenance" -> "#0969da";
			default -> "#57606a";
		};
		String text = escape(label + ": " + message);
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (left + right) + "\" height=\"20\" role=\"img\""
				+ " aria-label=\"" + text + "\"><title>" + text + "</title>" + "<clipPath id=\"r\"><rect width=\""
				+ (left + right) + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/>"
				+ "</clipPath><g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
				+ "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + colour + "\"/></g>"
				+ "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
				+ " font-size=\"11\"><text x=\"" + (left / 2.0) + "\" y=\"14\">" + escape(label) + "</text>"
				+ "<text x=\"" + (left + right / 2.0) + "\" y=\"14\">" + escape(message) + "</text></g></svg>";
	}

	/**
	 * Verdana 11 px averages about 7 px per character; shields.io measures the same way.
	 */
	private static int textWidth(String text) {
		return (int) Math.ceil(text.length() * 6.8);
	}

	/**
	 * One decimal at most; hand-made because String.format is slow at thousands a page.
	 */
	static String number(double value) {
		long tenths = Math.round(value * 10);
		if (tenths % 10 == 0) {
			return Long.toString(tenths / 10);
		}
		return ((tenths < 0) ? "-" : "") + Math.abs(tenths / 10) + "." + Math.abs(tenths % 10);
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
