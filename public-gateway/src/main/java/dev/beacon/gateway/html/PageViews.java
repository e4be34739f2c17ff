package dev.beacon.gateway.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.beacon.gateway.html.PageView.Component;
import dev.beacon.gateway.html.PageView.Group;
import dev.beacon.gateway.html.PageView.Incident;
import dev.beacon.gateway.html.PageView.Maintenance;
import dev.beacon.gateway.html.PageView.Metric;
import dev.beacon.gateway.html.PageView.Update;
import dev.beacon.gateway.html.PageView.Uptime;
import tools.jackson.databind.JsonNode;

/** Turns a page document into what the page shows at a given moment. */
final class PageViews {

	/** Documents are republished at least every 60 s; twice that without one is stale. */
	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private static final List<String> WINDOWS = List.of("24h", "7d", "30d", "90d");

	private PageViews() {
	}

	static PageView of(JsonNode document, Instant generatedAt, Instant now) {
		return of(document, generatedAt, now, null);
	}

	/**
	 * @param version the version's entity tag: its pictures are drawn once; null draws
	 * them on every call
	 */
	static PageView of(JsonNode document, Instant generatedAt, Instant now, String version) {
		ZoneId zone = Wording.zone(Doc.text(document, "timeZone"));
		JsonNode overall = (Doc.object(document, "overall") != null) ? Doc.object(document, "overall")
				: Doc.object(document, "status");
		String status = Wording.status(Doc.text(overall, "status"));
		String statusText = (Doc.text(overall, "description") != null) ? Doc.text(overall, "description")
				: Wording.overallLabel(status);
		Instant generated = (Doc.instant(document, "generatedAt") != null) ? Doc.instant(document, "generatedAt")
				: generatedAt;
		boolean showUptime = Doc.flag(document, "showUptime", true);
		boolean showResponseTimes = Doc.flag(document, "showResponseTimes", true);
		Map<String, String> names = new HashMap<>();
		Doc.list(document, "components").forEach((c) -> names.put(Doc.text(c, "id"), Doc.text(c, "name")));
		List<Incident> active = incidents(document, "incidents", names, zone);
		return new PageView(Doc.text(document, "slug"), Doc.text(document, "name"), Doc.text(document, "description"),
				zone.getId(), status, statusText, (generated != null) ? generated.toString() : null,
				Wording.time(generated, zone), age(generated, now), stale(generated, now), showUptime,
				showUptime ? uptime(Doc.object(document, "uptime")) : List.of(),
				groups(document, zone, now, showUptime, showResponseTimes, version), metrics(document, version), active,
				maintenances(document, names, zone), incidents(document, "recentIncidents", names, zone));
	}

	static String age(Instant generated, Instant now) {
		return (generated != null) ? Wording.duration(Duration.between(generated, now)) : null;
	}

	static boolean stale(Instant generated, Instant now) {
		return generated == null || Duration.between(generated, now).compareTo(STALE_AFTER) > 0;
	}

	private static List<Group> groups(JsonNode document, ZoneId zone, Instant now, boolean showUptime,
			boolean showResponseTimes, String version) {
		Map<String, List<Component>> groups = new LinkedHashMap<>();
		List<JsonNode> nodes = Doc.list(document, "components");
		for (int i = 0; i < nodes.size(); i++) {
			JsonNode node = nodes.get(i);
			String group = (Doc.text(node, "group") != null) ? Doc.text(node, "group") : "";
			groups.computeIfAbsent(group, (key) -> new ArrayList<>())
				.add(component(node, i, zone, now, showUptime, showResponseTimes, version));
		}
		List<Group> result = new ArrayList<>();
		groups.forEach((name, components) -> result.add(new Group(name.isEmpty() ? null : name, components)));
		return result;
	}

	private static Component component(JsonNode node, int index, ZoneId zone, Instant now, boolean showUptime,
			boolean showResponseTimes, String version) {
		String status = Wording.status(Doc.text(node, "status"));
		String label = Wording.statusLabel(status, Doc.text(node, "degradation"));
		JsonNode pods = Doc.object(node, "pods");
		Double ready = Doc.number(pods, "ready");
		Double total = Doc.number(pods, "total");
		if (ready != null && total != null && ready < total) {
			label += " (" + ready.intValue() + "/" + total.intValue() + " pods)";
		}
		Instant since = Doc.instant(node, "since");
		String name = (Doc.text(node, "name") != null) ? Doc.text(node, "name") : "Component";
		List<JsonNode> days = Doc.list(node, "days");
		String bars = (showUptime && !days.isEmpty()) ? Drawings.of(version, "bars" + index, (key) -> Svg.dayBars(days))
				: null;
		JsonNode responseTimes = showResponseTimes ? Doc.object(node, "responseTimes") : null;
		List<JsonNode> hourly = Doc.list(responseTimes, "hourly");
		String chart = hourly.isEmpty() ? null
				: Drawings.of(version, "chart" + index, (key) -> Svg.responseChart(name, hourly));
		return new Component(Doc.text(node, "id"), name, status, label, Doc.text(node, "reason"),
				Wording.time(since, zone), (since != null) ? since.toString() : null,
				(since != null) ? Wording.lasting(Duration.between(since, now)) : null,
				showUptime ? uptime(Doc.object(node, "uptime")) : List.of(), bars,
				"Daily uptime of " + name + " over the last " + days.size() + " days", chart,
				hourly.isEmpty() ? null : Drawings.of(version, "latest" + index, (key) -> Svg.latestResponse(hourly)));
	}

	private static List<Uptime> uptime(JsonNode uptime) {
		if (uptime == null) {
			return List.of();
		}
		return WINDOWS.stream()
			.map((window) -> new Uptime(window, Wording.percent(Doc.number(uptime, window))))
			.toList();
	}

	private static List<Metric> metrics(JsonNode document, String version) {
		List<Metric> metrics = new ArrayList<>();
		List<JsonNode> nodes = Doc.list(document, "metrics");
		for (int i = 0; i < nodes.size(); i++) {
			JsonNode node = nodes.get(i);
			String value = Doc.text(node, "formatted");
			if (value == null && Doc.number(node, "value") != null) {
				String unit = Doc.text(node, "unit");
				value = Svg.number(Doc.number(node, "value")) + ((unit != null) ? " " + unit : "");
			}
			List<JsonNode> points = Doc.list(node, "sparkline");
			metrics.add(new Metric((Doc.text(node, "name") != null) ? Doc.text(node, "name") : "Metric",
					(value != null) ? value : "–", (value == null) ? Doc.text(node, "reason") : null,
					(points.size() > 1)
							? Drawings.of(version, "spark" + i, (key) -> Svg.sparkline(Doc.text(node, "name"), points))
							: null));
		}
		return metrics;
	}

	private static List<Incident> incidents(JsonNode document, String field, Map<String, String> names, ZoneId zone) {
		List<Incident> incidents = new ArrayList<>();
		for (JsonNode node : Doc.list(document, field)) {
			List<Update> updates = new ArrayList<>();
			for (JsonNode update : Doc.list(node, "updates")) {
				Instant at = Doc.instant(update, "createdAt");
				updates.add(new Update(Doc.text(update, "status"), Wording.incidentStatus(Doc.text(update, "status")),
						Doc.text(update, "body"), Wording.time(at, zone), (at != null) ? at.toString() : null));
			}
			if (updates.isEmpty() && Doc.text(node, "latestUpdate") != null) {
				Instant at = Doc.instant(node, "updatedAt");
				updates.add(new Update(Doc.text(node, "status"), Wording.incidentStatus(Doc.text(node, "status")),
						Doc.text(node, "latestUpdate"), Wording.time(at, zone), (at != null) ? at.toString() : null));
			}
			Instant started = Doc.instant(node, "startedAt");
			Instant resolved = Doc.instant(node, "resolvedAt");
			String components = Doc.list(node, "components")
				.stream()
				.map((component) -> names.get(Doc.text(component, "id")))
				.filter((name) -> name != null)
				.collect(Collectors.joining(", "));
			incidents.add(new Incident(Doc.text(node, "id"),
					(Doc.text(node, "title") != null) ? Doc.text(node, "title") : "Incident", Doc.text(node, "status"),
					Wording.incidentStatus(Doc.text(node, "status")), Wording.impact(Doc.text(node, "impact")),
					Wording.time(started, zone), (started != null) ? started.toString() : null,
					Wording.time(resolved, zone), (resolved != null) ? resolved.toString() : null,
					components.isEmpty() ? null : components, updates));
		}
		return incidents;
	}

	private static List<Maintenance> maintenances(JsonNode document, Map<String, String> names, ZoneId zone) {
		List<Maintenance> maintenances = new ArrayList<>();
		for (JsonNode node : Doc.list(document, "maintenances")) {
			String status = Doc.text(node, "status");
			if (!"scheduled".equals(status) && !"in_progress".equals(status)) {
				continue;
			}
			Instant from = Doc.instant(node, "scheduledFor");
			Instant until = Doc.instant(node, "scheduledUntil");
			String components = Doc.list(node, "components")
				.stream()
				.map((id) -> names.get(id.isString() ? id.asString() : Doc.text(id, "id")))
				.filter((name) -> name != null)
				.collect(Collectors.joining(", "));
			maintenances.add(new Maintenance(Doc.text(node, "id"),
					(Doc.text(node, "title") != null) ? Doc.text(node, "title") : "Maintenance", Doc.text(node, "body"),
					status, Wording.incidentStatus(status), Wording.time(from, zone),
					(from != null) ? from.toString() : null, Wording.time(until, zone),
					(until != null) ? until.toString() : null, components.isEmpty() ? null : components));
		}
		return maintenances;
	}

}
