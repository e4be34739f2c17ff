package dev.beacon.gateway.pages;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page in the Statuspage v2 read API's shapes (field names, enumerations, timestamps
 * with milliseconds and a numeric offset, every array present, incident updates newest
 * first and never empty, group containers with their children's ids). Beacon's
 * {@code group} names become containers whose id is derived from the page and the name.
 * Status mapping: operational → operational, degraded → degraded_performance (partial
 * degradation → partial_outage), outage → major_outage, maintenance → under_maintenance,
 * unknown (no fresh data) → degraded_performance: never operational without data.
 */
final class StatuspageV2 {

	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
		.withZone(ZoneOffset.UTC);

	/** The API's paths below a page, each with its document. */
	static final List<String> PATHS = List.of("api/v2/summary.json", "api/v2/status.json", "api/v2/components.json",
			"api/v2/incidents.json", "api/v2/incidents/unresolved.json", "api/v2/scheduled-maintenances.json",
			"api/v2/scheduled-maintenances/upcoming.json", "api/v2/scheduled-maintenances/active.json");

	private static final int MOST_RECENT = 50;

	private static final List<String> SEVERITY = List.of("operational", "under_maintenance", "degraded_performance",
			"partial_outage", "major_outage");

	private final JsonMapper json;

	private final PagesProperties properties;

	StatuspageV2(JsonMapper json, PagesProperties properties) {
		this.json = json;
		this.properties = properties;
	}

	/** Every document of the API for {@code page}, by path. */
	Map<String, byte[]> render(PublishedPage page) {
		View view = new View(page);
		ObjectNode status = view.status();
		List<ObjectNode> unresolved = view.incidents(page.document().path("incidents"));
		List<ObjectNode> all = new ArrayList<>(unresolved);
		all.addAll(view.incidents(page.document().path("recentIncidents")));
		all.sort(Comparator.comparing((ObjectNode incident) -> incident.path("started_at").asString("")).reversed());
		List<ObjectNode> maintenances = view.maintenances();
		Map<String, byte[]> documents = new LinkedHashMap<>();
		documents.put("api/v2/summary.json",
				bytes(view.page()
					.set("components", view.componentArray())
					.set("incidents", array(unresolved))
					.set("scheduled_maintenances",
							array(filter(maintenances, (m) -> !"completed".equals(m.path("status").asString()))))
					.set("status", status)));
		documents.put("api/v2/status.json", bytes(view.page().set("status", status)));
		documents.put("api/v2/components.json", bytes(view.page().set("components", view.componentArray())));
		documents.put("api/v2/incidents.json",
				bytes(view.page().set("incidents", array(all.subList(0, Math.min(MOST_RECENT, all.size()))))));
		documents.put("api/v2/incidents/unresolved.json", bytes(view.page().set("incidents", array(unresolved))));
		documents.put("api/v2/scheduled-maintenances.json",
				bytes(view.page()
					.set("scheduled_maintenances",
							array(maintenances.subList(0, Math.min(MOST_RECENT, maintenances.size()))))));
		documents.put("api/v2/scheduled-maintenances/upcoming.json",
				bytes(view.page()
					.set("scheduled_maintenances",
							array(filter(maintenances, (m) -> "scheduled".equals(m.path("status").asString()))))));
		documents.put("api/v2/scheduled-maintenances/active.json",
				bytes(view.page().set("scheduled_maintenances", array(filter(maintenances, (m) -> {
					String state = m.path("status").asString();
					return "in_progress".equals(state) || "verifying".equals(state);
				})))));
		return documents;
	}

	private byte[] bytes(JsonNode node) {
		return this.json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
	}

	private ArrayNode array(List<ObjectNode> nodes) {
		ArrayNode array = this.json.createArrayNode();
		nodes.forEach(array::add);
		return array;
	}

	private static List<ObjectNode> filter(List<ObjectNode> nodes, Predicate<ObjectNode> keep) {
		return nodes.stream().filter(keep).toList();
	}

	/** A Beacon timestamp (ISO-8601) in the API's format, or null. */
	static String timestamp(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode() || value.asString("").isEmpty()) {
			return null;
		}
		return TIMESTAMP.format(Instant.parse(value.asString()));
	}

	/** A Beacon component status (and degradation kind) in the API's vocabulary. */
	static String componentStatus(String status, String degradation) {
		return switch ((status != null) ? status : "unknown") {
			case "operational" -> "operational";
			case "degraded" -> "partial".equals(degradation) ? "partial_outage" : "degraded_performance";
			case "outage" -> "major_outage";
			case "maintenance" -> "under_maintenance";
			default -> "degraded_performance";
		};
	}

	/** One page being rendered: its components by id, its address. */
	private final class View {

		private final PublishedPage page;

		private final String pageId;

		private final String pageUrl;

		private final String updatedAt;

		private final List<ObjectNode> components = new ArrayList<>();

		private final Map<String, ObjectNode> leaves = new LinkedHashMap<>();

		View(PublishedPage page) {
			this.page = page;
			this.pageId = page.applicationId().toString();
			this.pageUrl = StatuspageV2.this.properties.pageUrl(page.slug());
			this.updatedAt = TIMESTAMP.format(page.generatedAt());
			buildComponents();
		}

		ObjectNode page() {
			ObjectNode root = StatuspageV2.this.json.createObjectNode();
			ObjectNode node = root.putObject("page");
			node.put("id", this.pageId);
			node.put("name", this.page.document().path("name").asString(this.page.slug()));
			node.put("url", this.pageUrl);
			node.put("time_zone", this.page.document().path("timeZone").asString("UTC"));
			node.put("updated_at", this.updatedAt);
			return root;
		}

		ArrayNode componentArray() {
			return array(this.components);
		}

		private void buildComponents() {
			Map<String, ObjectNode> groups = new LinkedHashMap<>();
			int topPosition = 0;
			Map<String, Integer> childPositions = new LinkedHashMap<>();
			List<ObjectNode> ordered = new ArrayList<>();
			Map<String, List<ObjectNode>> children = new LinkedHashMap<>();
			for (JsonNode component : this.page.document().path("components")) {
				String group = component.path("group").asString(null);
				ObjectNode node = component(component);
				this.leaves.put(node.path("id").asString(), node);
				if (group == null || group.isBlank()) {
					node.put("position", ++topPosition);
					ordered.add(node);
					continue;
				}
				ObjectNode container = groups.get(group);
				if (container == null) {
					container = container(group, ++topPosition);
					groups.put(group, container);
					ordered.add(container);
					children.put(group, new ArrayList<>());
				}
				int position = childPositions.merge(group, 1, Integer::sum);
				node.put("position", position);
				node.put("group_id", container.path("id").asString());
				children.get(group).add(node);
				((ArrayNode) container.get("components")).add(node.path("id").asString());
				if (worse(node.path("status").asString(), container.path("status").asString())) {
					container.put("status", node.path("status").asString());
				}
			}
			for (ObjectNode node : ordered) {
				this.components.add(node);
				if (node.path("group").asBoolean(false)) {
					String name = node.path("name").asString();
					this.components.addAll(children.get(name));
				}
			}
		}

		private ObjectNode component(JsonNode component) {
			ObjectNode node = StatuspageV2.this.json.createObjectNode();
			String since = timestamp(component.path("since"));
			node.put("id", component.path("id").asString());
			node.put("name", component.path("name").asString());
			node.put("status", componentStatus(component.path("status").asString(null),
					component.path("degradation").asString(null)));
			node.put("created_at", (since != null) ? since : this.updatedAt);
			node.put("updated_at", (since != null) ? since : this.updatedAt);
			node.put("position", 0);
			node.putNull("description");
			node.put("showcase", true);
			node.putNull("start_date");
			node.putNull("group_id");
			node.put("page_id", this.pageId);
			node.put("group", false);
			node.put("only_show_if_degraded", false);
			return node;
		}

		private ObjectNode container(String name, int position) {
			ObjectNode node = StatuspageV2.this.json.createObjectNode();
			node.put("id", UUID.nameUUIDFromBytes((this.pageId + "/group/" + name).getBytes(StandardCharsets.UTF_8))
				.toString());
			node.put("name", name);
			node.put("status", "operational");
			node.put("created_at", this.updatedAt);
			node.put("updated_at", this.updatedAt);
			node.put("position", position);
			node.putNull("description");
			node.put("showcase", false);
			node.putNull("start_date");
			node.putNull("group_id");
			node.put("page_id", this.pageId);
			node.put("group", true);
			node.put("only_show_if_degraded", false);
			node.putArray("components");
			return node;
		}

		/**
		 * The worse of what the components show and the impact of the unresolved
		 * incidents, as Statuspage's indicator is.
		 */
		ObjectNode status() {
			ObjectNode byComponents = statusOfComponents();
			List<String> indicators = List.of("none", "maintenance", "minor", "major", "critical");
			String impact = "none";
			for (JsonNode incident : this.page.document().path("incidents")) {
				String candidate = incident.path("impact").asString("none");
				if (indicators.indexOf(candidate) > indicators.indexOf(impact)) {
					impact = candidate;
				}
			}
			if (indicators.indexOf(impact) <= indicators.indexOf(byComponents.path("indicator").asString())) {
				return byComponents;
			}
			ObjectNode status = StatuspageV2.this.json.createObjectNode();
			return status.put("indicator", impact).put("description", switch (impact) {
				case "critical" -> "Major System Outage";
				case "major" -> "Partial System Outage";
				default -> "Minor Service Outage";
			});
		}

		private ObjectNode statusOfComponents() {
			List<String> statuses = this.leaves.values()
				.stream()
				.map((node) -> node.path("status").asString())
				.toList();
			ObjectNode status = StatuspageV2.this.json.createObjectNode();
			long majors = statuses.stream().filter("major_outage"::equals).count();
			long degraded = statuses.stream().filter("degraded_performance"::equals).count();
			if (majors > 0 && majors == statuses.size()) {
				return status.put("indicator", "critical").put("description", "Major System Outage");
			}
			if (majors > 0) {
				return status.put("indicator", "major").put("description", "Partial System Outage");
			}
			if (statuses.contains("partial_outage")) {
				return status.put("indicator", "minor").put("description", "Minor Service Outage");
			}
			if (degraded > 0) {
				return status.put("indicator", "minor")
					.put("description",
							(degraded == statuses.size()) ? "Degraded System Service" : "Partially Degraded Service");
			}
			if (statuses.contains("under_maintenance")) {
				return status
					.put("indicator", StatuspageV2.this.properties.maintenanceIndicator() ? "maintenance" : "none")
					.put("description", "Service Under Maintenance");
			}
			return status.put("indicator", "none").put("description", "All Systems Operational");
		}

		List<ObjectNode> incidents(JsonNode incidents) {
			List<ObjectNode> result = new ArrayList<>();
			for (JsonNode incident : incidents) {
				String id = incident.path("id").asString();
				ObjectNode node = StatuspageV2.this.json.createObjectNode();
				node.put("id", id);
				node.put("name", incident.path("title").asString());
				node.put("status", incident.path("status").asString());
				node.put("created_at", timestamp(incident.path("startedAt")));
				node.put("updated_at", timestamp(incident.path("updatedAt")));
				node.put("monitoring_at", monitoringAt(incident.path("updates")));
				node.put("resolved_at", timestamp(incident.path("resolvedAt")));
				node.put("impact", incident.path("impact").asString("none"));
				node.put("shortlink", this.pageUrl + "#incident-" + id);
				node.put("started_at", timestamp(incident.path("startedAt")));
				node.put("page_id", this.pageId);
				ArrayNode updates = node.putArray("incident_updates");
				for (JsonNode update : incident.path("updates")) {
					updates.add(update(update.path("id").asString(), update.path("status").asString(),
							update.path("body").asString(""), id, timestamp(update.path("createdAt"))));
				}
				if (updates.isEmpty()) {
					String body = incident.path("latestUpdate").asString(incident.path("title").asString());
					updates.add(update(derivedId(id, "update"), incident.path("status").asString(), body, id,
							timestamp(incident.path("updatedAt"))));
				}
				ArrayNode affected = node.putArray("components");
				for (JsonNode component : incident.path("components")) {
					ObjectNode leaf = this.leaves.get(component.path("id").asString());
					if (leaf != null) {
						affected.add(leaf);
					}
				}
				result.add(node);
			}
			return result;
		}

		List<ObjectNode> maintenances() {
			List<ObjectNode> result = new ArrayList<>();
			for (JsonNode maintenance : this.page.document().path("maintenances")) {
				String id = maintenance.path("id").asString();
				String state = maintenance.path("status").asString();
				String updated = timestamp(maintenance.path("updatedAt"));
				ObjectNode node = StatuspageV2.this.json.createObjectNode();
				node.put("id", id);
				node.put("name", maintenance.path("title").asString());
				node.put("status", state);
				node.put("created_at", updated);
				node.put("updated_at", updated);
				node.putNull("monitoring_at");
				node.put("resolved_at", "completed".equals(state) ? updated : null);
				node.put("impact", "maintenance");
				node.put("shortlink", this.pageUrl + "#maintenance-" + id);
				node.put("started_at", timestamp(maintenance.path("scheduledFor")));
				node.put("page_id", this.pageId);
				String body = maintenance.path("body").asString(null);
				node.putArray("incident_updates")
					.add(update(derivedId(id, state), state,
							(body != null && !body.isBlank()) ? body : maintenance.path("title").asString(), id,
							updated));
				ArrayNode affected = node.putArray("components");
				for (JsonNode componentId : maintenance.path("components")) {
					ObjectNode leaf = this.leaves.get(componentId.asString());
					if (leaf != null) {
						affected.add(leaf);
					}
				}
				node.put("scheduled_for", timestamp(maintenance.path("scheduledFor")));
				node.put("scheduled_until", timestamp(maintenance.path("scheduledUntil")));
				result.add(node);
			}
			result.sort(Comparator.comparing((ObjectNode m) -> m.path("scheduled_for").asString("")).reversed());
			return result;
		}

		private ObjectNode update(String id, String status, String body, String incidentId, String at) {
			ObjectNode node = StatuspageV2.this.json.createObjectNode();
			node.put("id", id);
			node.put("status", status);
			node.put("body", body);
			node.put("incident_id", incidentId);
			node.put("created_at", at);
			node.put("updated_at", at);
			node.put("display_at", at);
			node.putNull("affected_components");
			node.put("deliver_notifications", true);
			node.putNull("custom_tweet");
			node.putNull("tweet_id");
			return node;
		}

		private static String monitoringAt(JsonNode updates) {
			String at = null;
			for (JsonNode update : updates) {
				if ("monitoring".equals(update.path("status").asString())) {
					at = timestamp(update.path("createdAt"));
				}
			}
			return at;
		}

		private static String derivedId(String id, String kind) {
			return UUID.nameUUIDFromBytes((id + "/" + kind).getBytes(StandardCharsets.UTF_8)).toString();
		}

		private static boolean worse(String candidate, String current) {
			return SEVERITY.indexOf(candidate) > SEVERITY.indexOf(current);
		}

	}

}
