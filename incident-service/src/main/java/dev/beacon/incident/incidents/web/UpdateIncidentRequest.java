package dev.beacon.incident.incidents.web;

import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/applications/{appId}/incidents/{incidentId}}: one new
 * update, which may move the status forward (resolved resolves the incident) and change
 * the impact.
 */
record UpdateIncidentRequest(
		@NotNull @Pattern(regexp = DeclareIncidentRequest.STATUS,
				message = "must be one of investigating, identified, monitoring, resolved") String status,
		@NotBlank @Size(max = 5000) @PlainText String body, @Pattern(regexp = DeclareIncidentRequest.IMPACT,
				message = "must be one of none, minor, major, critical") String impact) {

}
