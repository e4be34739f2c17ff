package dev.beacon.statusapi.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** When an incident was open (resolvedAt null: still is), and the components it names. */
public record IncidentSpan(UUID id, List<UUID> componentIds, Instant startedAt, Instant resolvedAt) {

	public IncidentSpan {
		componentIds = List.copyOf(componentIds);
	}

	/** Whether the incident was open at some time of [from, to). */
	boolean touches(Instant from, Instant to, Instant now) {
		Instant end = (this.resolvedAt != null) ? this.resolvedAt : now;
		// an incident opened and resolved at once still touched the day it happened in
		return this.startedAt.isBefore(to) && (end.isAfter(from) || !this.startedAt.isBefore(from));
	}

}
