package dev.beacon.incident.incidents.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/applications/{appId}/incidents}. Status and impact are
 * strings checked against their vocabulary, so a wrong value answers 400 naming the field
 * rather than a deserialization failure. A new incident cannot start resolved.
 * {@code componentStatuses} gives the status the page shows for some of the
 * {@code componentIds}; the others show what the impact suggests.
 */
record DeclareIncidentRequest(@NotBlank @Size(max = 200) @PlainText String title,
		@Pattern(regexp = OPEN_STATUS, message = "must be one of investigating, identified, monitoring") String status,
		@NotNull @Pattern(regexp = IMPACT, message = "must be one of none, minor, major, critical") String impact,
		@NotBlank @Size(max = 5000) @PlainText String body, @Size(max = 50) List<@NotNull UUID> componentIds,
		@Size(max = 50) Map<UUID, @NotNull @Pattern(regexp = COMPONENT_STATUS,
				message = "must be one of operational, degraded, outage, maintenance") String> componentStatuses) {

	static final String OPEN_STATUS = "investigating|identified|monitoring";

	static final String STATUS = "investigating|identified|monitoring|resolved";

	static final String IMPACT = "none|minor|major|critical";

	static final String COMPONENT_STATUS = "operational|degraded|outage|maintenance";

	/** The status to open with: investigating unless the caller knows more. */
	String statusOrDefault() {
		return (this.status != null) ? this.status : "investigating";
	}

	List<UUID> componentIdsOrNone() {
		return (this.componentIds != null) ? this.componentIds.stream().distinct().toList() : List.of();
	}

	/**
	 * Each affected component with the status to show: the one given, or outage for a
	 * major or critical impact, degraded for a minor one, operational for none.
	 */
	Map<UUID, ComponentStatus> components() {
		List<UUID> ids = componentIdsOrNone();
		Map<UUID, String> given = (this.componentStatuses != null) ? this.componentStatuses : Map.of();
		for (UUID id : given.keySet()) {
			if (!ids.contains(id)) {
				throw new InvalidFieldException("componentStatuses", "names " + id + ", which is not in componentIds");
			}
		}
		Map<UUID, ComponentStatus> components = new LinkedHashMap<>();
		ids.forEach((id) -> components.put(id, (given.get(id) != null)
				? ComponentStatus.valueOf(given.get(id).toUpperCase(Locale.ROOT)) : byImpact()));
		return components;
	}

	private ComponentStatus byImpact() {
		return switch (this.impact) {
			case "major", "critical" -> ComponentStatus.OUTAGE;
			case "minor" -> ComponentStatus.DEGRADED;
			default -> ComponentStatus.OPERATIONAL;
		};
	}

}
