package dev.beacon.statusapi.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where status intervals, raw checks and rollups are kept. */
public interface HistoryStore {

	/**
	 * Ends the component's open interval at {@code at} (adding its time to the hourly and
	 * daily rollups) and opens one of {@code kind} from {@code at}. Call it in the
	 * transaction that changes the component's status.
	 */
	default Mono<Void> transition(UUID componentId, Instant at, StatusKind kind, String reason) {
		return transitions(List.of(new Transition(componentId, at, kind, reason)));
	}

	/**
	 * Applies {@link #transition}s in order (those of one component in the order given),
	 * a few statements for all of them: each round closes the open intervals of one
	 * transition per component, adds their time to the rollups and opens the next ones.
	 */
	Mono<Void> transitions(List<Transition> transitions);

	/**
	 * The stored rollups of these components from {@code hoursFrom} (null: no hours) and
	 * {@code daysFrom}. Reads no sketch: each bucket's response times are its stored
	 * summary. The open intervals are {@link #marks}'.
	 */
	Mono<Map<UUID, StoredHistory>> read(Collection<UUID> componentIds, ZoneId zone, Instant hoursFrom,
			LocalDate daysFrom);

	/**
	 * Each component's open interval and count of other rollup changes, in one small
	 * query: while neither moves, rollups read after them are still what is stored (every
	 * write of a component's rollups either closes its open interval or adds to its
	 * count, in the same transaction).
	 */
	Mono<Map<UUID, Mark>> marks(Collection<UUID> componentIds);

	/** The incidents of the application open at some time since {@code from}. */
	Flux<IncidentSpan> incidents(UUID applicationId, Instant from);

	/** Keeps an incident's span and components, unless a newer version is kept. */
	Mono<Void> keepIncident(IncidentChanged event);

	/**
	 * Adds the raw checks received since the last call (and at least {@code settle} ago)
	 * to the rollups, at most {@code maxSpan} of them; emits how many checks it rolled
	 * up. Runs in one replica at a time.
	 */
	Mono<Long> rollUpChecks(Duration settle, Duration maxSpan);

	/**
	 * Rebuilds the daily rollups of a component in {@code zone} (after its page's time
	 * zone changed): status time from the intervals, response times from the hourly
	 * rollups.
	 */
	Mono<Void> rebuildDays(UUID componentId, ZoneId zone);

	/**
	 * Creates the missing daily partitions of the raw checks from {@code first} to
	 * {@code last}.
	 */
	Mono<Integer> ensurePartitions(LocalDate first, LocalDate last);

	/**
	 * Drops the partitions of raw checks received before {@code day} (UTC); emits their
	 * names.
	 */
	Flux<String> dropPartitionsBefore(LocalDate day);

	/**
	 * Stores the p50 and p95 of up to a few hundred rollup rows written before they were
	 * kept as columns (V14), from their sketches; emits how many. Call it in a
	 * transaction, until it emits 0.
	 */
	Mono<Long> fillMissingPercentiles();

	/** Deletes hourly rollups of hours before {@code before}; emits how many. */
	Mono<Long> purgeHoursBefore(Instant before);

	/** A component's status changing to {@code kind} at {@code at}. */
	record Transition(UUID componentId, Instant at, StatusKind kind, String reason) {
	}

	/**
	 * A component's stored history: hourly and daily buckets (days in the zone asked
	 * for), and whether some of its stored days were cut in another zone (they need
	 * {@link #rebuildDays}).
	 */
	record StoredHistory(Map<Instant, Rollup> hours, Map<LocalDate, Rollup> days, boolean otherZone) {
	}

	/**
	 * What tells whether a component's stored rollups changed: its open interval (null if
	 * it never had a status) and the count of its rollups' other changes.
	 */
	record Mark(OpenInterval open, long changes) {
	}

}
