package dev.beacon.gateway.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.gateway.pages.PublishedPage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Page documents in the agreed shape (status-api's document with the fields issues 7, 8
 * and 9 add), for a page like the local run's demo in its three moods, and for a large
 * page.
 */
final class PageDocuments {

	static final UUID DEMO_ID = UUID.fromString("5d1c4a8e-0000-4000-8000-00000000d3e0");

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	private static final JsonMapper json = JsonMapper.builder().build();

	enum Mood {

		OPERATIONAL, DEGRADED, OUTAGE

	}

	private PageDocuments() {
	}

	static PublishedPage demo(Mood mood, Instant now) {
		return published(DEMO_ID, "demo", true, List.of("status.demo.localhost"), List.of("demo.localhost"),
				demoDocument(mood, now));
	}

	static PublishedPage published(UUID id, String slug, boolean isPublic, List<String> hosts, List<String> appHosts,
			Map<String, Object> document) {
		JsonNode tree = json.valueToTree(document);
		byte[] bytes = json.writeValueAsBytes(tree);
		return new PublishedPage(id, slug, isPublic, hosts, appHosts, tree, bytes, etag(bytes),
				Instant.parse((String) document.get("generatedAt")));
	}

	static Map<String, Object> demoDocument(Mood mood, Instant now) {
		Map<String, Object> page = page("demo", "Demo Shop", now);
		List<Map<String, Object>> components = new ArrayList<>();
		boolean degraded = mood != Mood.OPERATIONAL;
		components.add(http("Web", "Frontend", "operational", null, null, now.minus(Duration.ofDays(3)), now, 120));
		components.add(http("API", "Frontend", degraded ? "degraded" : "operational", degraded ? "performance" : null,
				degraded ? "slow: 2.4 s" : null,
				degraded ? now.minus(Duration.ofMinutes(14)) : now.minus(Duration.ofDays(3)), now,
				degraded ? 2400 : 180));
		components.add(pods("Worker", "Backend", degraded ? "degraded" : "operational", degraded ? "partial" : null,
				degraded ? 1 : 3, 3, degraded ? "1/3 pods ready: CrashLoopBackOff" : null,
				degraded ? now.minus(Duration.ofMinutes(9)) : now.minus(Duration.ofDays(2)), now));
		components
			.add(pods("Database", "Backend", "operational", null, 2, 2, null, now.minus(Duration.ofDays(6)), now));
		boolean outage = mood == Mood.OUTAGE;
		components.add(http("Payments", null, outage ? "outage" : "operational", null,
				outage ? "HTTP 503 from /health, 3 failures in a row" : null,
				outage ? now.minus(Duration.ofMinutes(6)) : now.minus(Duration.ofDays(5)), now, 210));
		page.put("components", components);
		String overall = outage ? "outage" : degraded ? "degraded" : "operational";
		page.put("overall", Map.of("status", overall, "description",
				outage ? "Partial Outage" : degraded ? "Partially Degraded" : "All Systems Operational"));
		page.put("uptime", uptime(99.98, 99.95, 99.91, 99.93));
		page.put("days", days(now, 0, "operational"));
		page.put("metrics",
				List.of(metric("Requests", "req/s", 42.7, "42.7 req/s", now),
						metric("Error rate", "%", outage ? 4.2 : 0.12, outage ? "4.2%" : "0.12%", now),
						Map.of("name", "Queue depth", "unit", "jobs", "reason", "Prometheus is unreachable")));
		List<Object> incidents = new ArrayList<>();
		if (outage) {
			incidents.add(incident("Payments are failing", "identified", "major", now.minus(Duration.ofMinutes(6)),
					null, List.of(components.get(4).get("id")),
					List.of(update("identified", "The payment provider's endpoint answers 503; we are failing over.",
							now.minus(Duration.ofMinutes(2))),
							update("investigating", "Payments fail for most customers. We are looking into it.",
									now.minus(Duration.ofMinutes(6))))));
		}
		page.put("incidents", incidents);
		page.put("recentIncidents",
				List.of(incident("Slow checkout", "resolved", "minor", now.minus(Duration.ofDays(3).plusHours(2)),
						now.minus(Duration.ofDays(3)), List.of(components.get(1).get("id")),
						List.of(update("resolved", "Response times are back to normal.", now.minus(Duration.ofDays(3))),
								update("investigating", "Checkout is slower than usual.",
										now.minus(Duration.ofDays(3).plusHours(2)))))));
		List<Object> maintenances = new ArrayList<>();
		if (degraded) {
			Instant start = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
			maintenances.add(Map.of("id", UUID.randomUUID().toString(), "title", "Database upgrade", "body",
					"PostgreSQL moves to version 17; writes pause for up to 5 minutes.", "status", "scheduled",
					"scheduledFor", start.toString(), "scheduledUntil", start.plus(Duration.ofHours(1)).toString(),
					"components", List.of(components.get(3).get("id")), "updatedAt", now.toString()));
		}
		page.put("maintenances", maintenances);
		return page;
	}

	/**
	 * A page of {@code count} HTTP components in five groups, all with history: the
	 * heaviest case.
	 */
	static PublishedPage large(int count, Instant now) {
		Map<String, Object> page = page("large", "Large Platform", now);
		List<Map<String, Object>> components = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			components.add(http("Service " + (i + 1), "Group " + (i % 5 + 1), (i % 7 == 3) ? "degraded" : "operational",
					(i % 7 == 3) ? "performance" : null, (i % 7 == 3) ? "slow: 1.2 s" : null,
					now.minus(Duration.ofHours(i + 1)), now, 100 + i * 7));
		}
		page.put("components", components);
		page.put("overall", Map.of("status", "degraded", "description", "Partially Degraded"));
		page.put("uptime", uptime(99.9, 99.8, 99.7, 99.6));
		page.put("metrics", List.of(metric("Requests", "req/s", 1234.0, "1.23k req/s", now)));
		page.put("incidents", List.of());
		page.put("recentIncidents", List.of());
		page.put("maintenances", List.of());
		return published(UUID.randomUUID(), "large", true, List.of(), List.of(), page);
	}

	private static Map<String, Object> page(String slug, String name, Instant now) {
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("slug", slug);
		page.put("name", name);
		page.put("description", "The shop our customers buy from: storefront, API, background jobs and payments.");
		page.put("timeZone", ZONE.getId());
		page.put("showUptime", true);
		page.put("showResponseTimes", true);
		page.put("generatedAt", now.toString());
		return page;
	}

	static Map<String, Object> http(String name, String group, String status, String degradation, String reason,
			Instant since, Instant now, double latency) {
		Map<String, Object> component = component(name, group, status, degradation, reason, since, now);
		List<Map<String, Object>> hourly = new ArrayList<>();
		for (int h = 23; h >= 0; h--) {
			double wave = 1 + 0.25 * Math.sin(h / 3.0 + name.length());
			double value = (h < 1 && latency > 1000) ? latency : Math.min(latency, 400) * wave;
			Map<String, Object> hour = new LinkedHashMap<>();
			hour.put("at", now.minus(Duration.ofHours(h)).truncatedTo(ChronoUnit.HOURS).toString());
			hour.put("meanMillis", Math.round(value));
			hour.put("p50Millis", Math.round(value * 0.9));
			hour.put("p95Millis", Math.round(value * 1.6));
			hour.put("maxMillis", Math.round(value * 2.5));
			hourly.add(hour);
		}
		component.put("responseTimes", Map.of("hourly", hourly, "daily", List.of()));
		component.put("pods", null);
		return component;
	}

	private static Map<String, Object> pods(String name, String group, String status, String degradation, int ready,
			int total, String reason, Instant since, Instant now) {
		Map<String, Object> component = component(name, group, status, degradation, reason, since, now);
		component.put("pods", Map.of("ready", ready, "total", total));
		component.put("responseTimes", null);
		return component;
	}

	private static Map<String, Object> component(String name, String group, String status, String degradation,
			String reason, Instant since, Instant now) {
		Map<String, Object> component = new LinkedHashMap<>();
		component.put("id", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
		component.put("name", name);
		component.put("group", group);
		component.put("status", status);
		component.put("since", since.toString());
		component.put("reason", reason);
		component.put("degradation", degradation);
		component.put("uptime", uptime(status.equals("operational") ? 100.0 : 99.71, 99.96, 99.93, 99.95));
		component.put("days", days(now, name.length(), status));
		return component;
	}

	/**
	 * 90 days, the last one (today) as bad as the component is now: a component in an
	 * outage has not had a clean day.
	 */
	private static List<Map<String, Object>> days(Instant now, int seed, String status) {
		LocalDate today = LocalDate.ofInstant(now, ZONE);
		List<Map<String, Object>> days = new ArrayList<>();
		for (int i = 89; i >= 0; i--) {
			Map<String, Object> day = new LinkedHashMap<>();
			day.put("date", today.minusDays(i).toString());
			if (i > 80) {
				// before the application was registered: no data
				day.put("uptime", null);
				day.put("worst", null);
				day.put("incidentIds", List.of());
			}
			else if (i == 0 && !status.equals("operational")) {
				day.put("uptime", 99.71);
				day.put("worst", status);
				day.put("incidentIds", status.equals("outage") ? List.of(UUID.randomUUID().toString()) : List.of());
			}
			else if ((i + seed) % 29 == 0) {
				day.put("uptime", 98.42);
				day.put("worst", "outage");
				day.put("incidentIds", List.of(UUID.randomUUID().toString()));
			}
			else if ((i + seed) % 17 == 0) {
				day.put("uptime", 99.87);
				day.put("worst", "degraded");
				day.put("incidentIds", List.of());
			}
			else {
				day.put("uptime", 100.0);
				day.put("worst", "operational");
				day.put("incidentIds", List.of());
			}
			days.add(day);
		}
		return days;
	}

	private static Map<String, Object> uptime(double day, double week, double month, double quarter) {
		return Map.of("24h", day, "7d", week, "30d", month, "90d", quarter);
	}

	private static Map<String, Object> metric(String name, String unit, double value, String formatted, Instant now) {
		List<Map<String, Object>> sparkline = new ArrayList<>();
		for (int i = 95; i >= 0; i--) {
			sparkline.add(Map.of("at", now.minus(Duration.ofMinutes(15L * i)).toString(), "value",
					value * (1 + 0.2 * Math.sin(i / 8.0))));
		}
		Map<String, Object> metric = new LinkedHashMap<>();
		metric.put("name", name);
		metric.put("unit", unit);
		metric.put("value", value);
		metric.put("formatted", formatted);
		metric.put("reason", null);
		metric.put("sparkline", sparkline);
		return metric;
	}

	private static Map<String, Object> incident(String title, String status, String impact, Instant started,
			Instant resolved, List<Object> components, List<Map<String, Object>> updates) {
		Map<String, Object> incident = new LinkedHashMap<>();
		incident.put("id", UUID.nameUUIDFromBytes(title.getBytes(StandardCharsets.UTF_8)).toString());
		incident.put("title", title);
		incident.put("status", status);
		incident.put("impact", impact);
		incident.put("startedAt", started.toString());
		incident.put("resolvedAt", (resolved != null) ? resolved.toString() : null);
		incident.put("updatedAt", updates.get(0).get("createdAt"));
		incident.put("latestUpdate", updates.get(0).get("body"));
		incident.put("updates", updates);
		incident.put("components", components.stream().map((id) -> Map.of("id", id, "status", "outage")).toList());
		return incident;
	}

	private static Map<String, Object> update(String status, String body, Instant at) {
		return Map.of("id", UUID.randomUUID().toString(), "status", status, "body", body, "createdAt", at.toString());
	}

	private static String etag(byte[] bytes) {
		try {
			return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
