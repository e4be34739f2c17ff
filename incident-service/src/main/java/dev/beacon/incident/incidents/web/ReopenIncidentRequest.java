package dev.beacon.incident.incidents.web;

import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST …/incidents/{incidentId}/reopen}: why it is open again. */
record ReopenIncidentRequest(@NotBlank @Size(max = 5000) @PlainText String body) {

}
