package dev.beacon.statusapi.status;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.beacon.events.ComponentStatus.DEGRADED;
import static dev.beacon.events.ComponentStatus.MAINTENANCE;
import static dev.beacon.events.ComponentStatus.OPERATIONAL;
import static dev.beacon.events.ComponentStatus.OUTAGE;
import static dev.beacon.events.ComponentStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class OverallStatusTests {

	@Test
	void theWorstComponentDrivesThePageInTheSeedsWords() {
		assertThat(OverallStatus.of(List.of(OPERATIONAL, OPERATIONAL)))
			.isEqualTo(new OverallStatus(OPERATIONAL, "All Systems Operational"));
		assertThat(OverallStatus.of(List.of(OPERATIONAL, DEGRADED)))
			.isEqualTo(new OverallStatus(DEGRADED, "Partially Degraded"));
		assertThat(OverallStatus.of(List.of(OUTAGE, DEGRADED, MAINTENANCE)))
			.isEqualTo(new OverallStatus(OUTAGE, "Partial Outage"));
		assertThat(OverallStatus.of(List.of(OUTAGE, OUTAGE))).isEqualTo(new OverallStatus(OUTAGE, "Major Outage"));
		assertThat(OverallStatus.of(List.of(OPERATIONAL, MAINTENANCE)))
			.isEqualTo(new OverallStatus(MAINTENANCE, "Under Maintenance"));
	}

	@Test
	void neverOperationalWithoutFreshDataForEveryComponent() {
		assertThat(OverallStatus.of(List.of(OPERATIONAL, UNKNOWN)).status()).isEqualTo(UNKNOWN);
		assertThat(OverallStatus.of(List.of()).status()).isEqualTo(UNKNOWN);
	}

}
