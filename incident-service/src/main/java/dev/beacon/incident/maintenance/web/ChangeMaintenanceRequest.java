package dev.beacon.incident.maintenance.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.incident.maintenance.Maintenance;
import dev.beacon.incident.maintenance.MaintenanceStatus;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/applications/{appId}/maintenances/{id}}: the fields of
 * {@link ScheduleMaintenanceRequest}, each optional (absent keeps it), and a
 * {@code status} to move to — {@code in_progress} starts early, {@code verifying},
 * {@code completed} completes early. A later {@code scheduledUntil} extends it.
 */
record ChangeMaintenanceRequest(
		@Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText String title,
		@Size(min = 1, max = 5000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") @PlainText String body,
		@Size(min = 1, max = 50) List<@NotNull UUID> componentIds, Instant scheduledFor, Instant scheduledUntil,
		@Pattern(regexp = "in_progress|verifying|completed",
				message = "must be one of in_progress, verifying, completed") String status) {

	static final String NOT_BLANK = "(?s).*\\S.*";

	Maintenance.Revision revision() {
		return new Maintenance.Revision((this.title != null) ? this.title.strip() : null,
				(this.body != null) ? this.body.strip() : null,
				(this.componentIds != null) ? this.componentIds.stream().distinct().toList() : null, this.scheduledFor,
				this.scheduledUntil, (this.status != null) ? MaintenanceStatus.of(this.status) : null);
	}

}
