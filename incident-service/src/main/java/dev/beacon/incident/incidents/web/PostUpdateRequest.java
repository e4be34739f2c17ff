package dev.beacon.incident.incidents.web;

import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST …/incidents/{incidentId}/updates}: one timeline entry; the
 * status (default: the current one) may move forward, resolved resolves.
 */
record PostUpdateRequest(
		@Pattern(regexp = DeclareIncidentRequest.STATUS,
				message = "must be one of investigating, identified, monitoring, resolved") String status,
		@NotBlank @Size(max = 5000) @PlainText String body, @Pattern(regexp = DeclareIncidentRequest.IMPACT,
				message = "must be one of none, minor, major, critical") String impact) {

	IncidentStatus statusOrNull() {
		return (this.status != null) ? IncidentStatus.of(this.status) : null;
	}

	Impact impactOrNull() {
		return (this.impact != null) ? Impact.of(this.impact) : null;
	}

}
