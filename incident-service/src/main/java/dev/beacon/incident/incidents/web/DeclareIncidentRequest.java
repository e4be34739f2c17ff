package dev.beacon.incident.incidents.web;

import java.util.List;
import java.util.UUID;

import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/applications/{appId}/incidents}. Status and impact are
 * strings checked against their vocabulary, so a wrong value answers 400 naming the field
 * rather than a deserialization failure. A new incident cannot start resolved.
 */
record DeclareIncidentRequest(@NotBlank @Size(max = 200) @PlainText String title,
		@Pattern(regexp = OPEN_STATUS, message = "must be one of investigating, identified, monitoring") String status,
		@NotNull @Pattern(regexp = IMPACT, message = "must be one of none, minor, major, critical") String impact,
		@NotBlank @Size(max = 5000) @PlainText String body, @Size(max = 50) List<@NotNull UUID> componentIds) {

	static final String OPEN_STATUS = "investigating|identified|monitoring";

	static final String STATUS = "investigating|identified|monitoring|resolved";

	static final String IMPACT = "none|minor|major|critical";

	/** The status to open with: investigating unless the caller knows more. */
	String statusOrDefault() {
		return (this.status != null) ? this.status : "investigating";
	}

	List<UUID> componentIdsOrNone() {
		return (this.componentIds != null) ? this.componentIds.stream().distinct().toList() : List.of();
	}

}
