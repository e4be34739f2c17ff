package dev.beacon.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The status vocabulary of a component, from best to worst (maintenance and unknown
 * aside).
 */
public enum ComponentStatus {

	@JsonProperty("operational")
	OPERATIONAL,

	@JsonProperty("degraded")
	DEGRADED,

	@JsonProperty("outage")
	OUTAGE,

	@JsonProperty("maintenance")
	MAINTENANCE,

	@JsonProperty("unknown")
	UNKNOWN

}
