package dev.beacon.gateway.html;

import java.util.List;

/**
 * What the page template shows: the page document turned into words, times and SVG, as of
 * one moment. Everything is already escaped or formatted, so the template only places it.
 *
 * @param slug the page's address
 * @param name the application's name
 * @param description the text under the name, or null
 * @param timeZone the page's time zone, as shown
 * @param status the overall status ({@code operational}, …)
 * @param statusText the overall banner's wording
 * @param generatedIso when the data was made (ISO-8601)
 * @param generatedText the same in the page's time zone
 * @param age how long ago the data was made ("12 s")
 * @param stale whether the data is older than the stale limit
 * @param showUptime whether uptime is shown
 * @param uptime the page's uptime per window, or empty
 * @param groups the components in their groups, in page order
 * @param metrics the custom metrics
 * @param activeIncidents the open incidents, newest first
 * @param maintenances scheduled and in-progress maintenance
 * @param recentIncidents incidents resolved in the last 14 days
 */
public record PageView(String slug, String name, String description, String timeZone, String status, String statusText,
		String generatedIso, String generatedText, String age, boolean stale, boolean showUptime, List<Uptime> uptime,
		List<Group> groups, List<Metric> metrics, List<Incident> activeIncidents, List<Maintenance> maintenances,
		List<Incident> recentIncidents) {

	/** The same view, as old as it is at another moment. */
	PageView withAge(String age, boolean stale) {
		return new PageView(this.slug, this.name, this.description, this.timeZone, this.status, this.statusText,
				this.generatedIso, this.generatedText, age, stale, this.showUptime, this.uptime, this.groups,
				this.metrics, this.activeIncidents, this.maintenances, this.recentIncidents);
	}

	public String base() {
		return "/status/" + this.slug;
	}

	public int componentCount() {
		return this.groups.stream().mapToInt((group) -> group.components().size()).sum();
	}

	public record Uptime(String window, String value) {
	}

	public record Group(String name, List<Component> components) {
	}

	/**
	 * One component.
	 *
	 * @param id its id
	 * @param name its name
	 * @param status its status ({@code operational}, …)
	 * @param label its status in words ("Degraded (1/3 pods)")
	 * @param reason why, or null
	 * @param since since when, in the page's zone, or null
	 * @param sinceIso the same, ISO-8601
	 * @param duration for how long ("3 h 12 min"), or null
	 * @param uptime uptime per window, or empty
	 * @param bars the 90 daily bars (SVG), or null
	 * @param barsLabel what the bars show, in words
	 * @param responseChart the response-time chart (SVG), or null
	 * @param responseText the latest response times in words, or null
	 */
	public record Component(String id, String name, String status, String label, String reason, String since,
			String sinceIso, String duration, List<Uptime> uptime, String bars, String barsLabel, String responseChart,
			String responseText) {
	}

	public record Metric(String name, String value, String reason, String sparkline) {
	}

	public record Incident(String id, String title, String status, String statusLabel, String impact, String started,
			String startedIso, String resolved, String resolvedIso, String components, List<Update> updates) {
	}

	public record Update(String status, String label, String body, String at, String atIso) {
	}

	public record Maintenance(String id, String title, String body, String status, String statusLabel, String from,
			String fromIso, String until, String untilIso, String components) {
	}

}
