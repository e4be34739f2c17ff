package dev.beacon.incident.incidents.web;

import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.IncidentService.Revision;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/applications/{appId}/incidents/{incidentId}}: a new update
 * ({@code body}, which may move the {@code status} forward — resolved resolves the
 * incident — and change the {@code impact}), an edit of {@code title} or {@code impact},
 * and/or the {@code postmortem} of a resolved incident. At least one part is required.
 */
record UpdateIncidentRequest(
		@Pattern(regexp = DeclareIncidentRequest.STATUS,
				message = "must be one of investigating, identified, monitoring, resolved") String status,
		@Size(min = 1, max = 5000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText String body,
		@Pattern(regexp = DeclareIncidentRequest.IMPACT,
				message = "must be one of none, minor, major, critical") String impact,
		@Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText String title,
		@Size(min = 1, max = 20000) @Pattern(regexp = NOT_BLANK,
				message = "must not be blank") @PlainText String postmortem) {

	/** At least one character other than white space. */
	static final String NOT_BLANK = "(?s).*\\S.*";

	Revision revision() {
		if (this.status != null && this.body == null) {
			throw new InvalidFieldException("body", "is required with a status: a status change goes on the timeline");
		}
		if (this.body == null && this.impact == null && this.title == null && this.postmortem == null) {
			throw new InvalidFieldException("body", "is required unless title, impact or postmortem is given");
		}
		return new Revision(strip(this.title), (this.status != null) ? IncidentStatus.of(this.status) : null,
				strip(this.body), (this.impact != null) ? Impact.of(this.impact) : null, strip(this.postmortem));
	}

	private static String strip(String text) {
		return (text != null) ? text.strip() : null;
	}

}
