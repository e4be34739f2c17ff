package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;

/**
 * One day's bar: the day's uptime (percent, null without counted time), its worst status
 * (null when nothing but unknown was seen) and the incidents open during it.
 */
public record DayBar(LocalDate date, BigDecimal uptime, ComponentStatus worst, List<UUID> incidentIds) {

	public DayBar {
		incidentIds = List.copyOf(incidentIds);
	}

}
