package dev.beacon.statusapi.history.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.statusapi.history.Buckets;
import dev.beacon.statusapi.history.CheckBuckets;
import dev.beacon.statusapi.history.CheckBuckets.Counted;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.history.IncidentSpan;
import dev.beacon.statusapi.history.OpenInterval;
import dev.beacon.statusapi.history.ResponseSummary;
import dev.beacon.statusapi.history.ResponseTimes;
import dev.beacon.statusapi.history.Rollup;
import dev.beacon.statusapi.history.StatusKind;
import dev.beacon.statusapi.history.StatusTime;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcHistoryStore implements HistoryStore {

	/** The advisory lock that lets one replica roll up checks at a time. */
	private static final long ROLLUP_LOCK = 8_202_611_27L;

	private static final Pattern PARTITION = Pattern.compile("status_checks_(\\d{8})");

	private static final String ROLLUP_COLUMNS = "operational_ms, performance_ms, partial_ms, outage_ms, "
			+ "maintenance_ms, unknown_ms, check_count, response_count, response_sum_ms, response_max_ms, response_sketch";

	/**
	 * What a read shows of a bucket, in this order after its keys: no sketch, unless its
	 * percentiles were never stored (a row from before V14 not yet backfilled).
	 */
	private static final String SHOWN_COLUMNS = "operational_ms, performance_ms, partial_ms, outage_ms, "
			+ "maintenance_ms, unknown_ms, check_count, response_count, response_sum_ms, response_max_ms, "
			+ "response_p50_ms, response_p95_ms, "
			+ "CASE WHEN response_p50_ms IS NULL AND response_count > 0 THEN response_sketch END AS response_sketch";

	/** Rows whose percentiles a backfill run fills at most. */
	static final int BACKFILL_BATCH = 500;

	private static final ZoneId UTC = ZoneId.of("UTC");

	private final DatabaseClient database;

	R2dbcHistoryStore(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Void> transitions(List<Transition> transitions) {
		if (transitions.isEmpty()) {
			return Mono.empty();
		}
		// round k holds the k-th transition of each component: one statement per step
		// and round, the components' order kept
		List<List<Transition>> rounds = new ArrayList<>();
		Map<UUID, Integer> seen = new HashMap<>();
		for (Transition transition : transitions) {
			int round = seen.merge(transition.componentId(), 1, Integer::sum) - 1;
			if (round == rounds.size()) {
				rounds.add(new ArrayList<>());
			}
			rounds.get(round).add(transition);
		}
		return zonesOf(seen.keySet())
			.flatMap((zones) -> Flux.fromIterable(rounds).concatMap((round) -> applyRound(round, zones)).then());
	}

	private Mono<Void> applyRound(List<Transition> round, Map<UUID, ZoneId> zones) {
		return this.database.sql("""
				UPDATE status_intervals s SET ended_at = greatest(s.started_at, t.at)
				FROM unnest(CAST(:ids AS uuid[]), CAST(:ats AS timestamptz[])) AS t(id, at)
				WHERE s.component_id = t.id AND s.ended_at IS NULL
				RETURNING s.component_id, s.started_at, s.ended_at, s.status, s.degradation""")
			.bind("ids", round.stream().map(Transition::componentId).toArray(UUID[]::new))
			.bind("ats", round.stream().map((t) -> t.at().toString()).toArray(String[]::new))
			.map((row) -> Map.entry(row.get("component_id", UUID.class),
					new Closed(row.get("started_at", Instant.class), row.get("ended_at", Instant.class),
							StatusKind.of(ComponentStatus.valueOf(row.get("status", String.class)),
									row.get("degradation", String.class)))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMap((closed) -> addTime(closed, zones).then(open(round, closed)));
	}

	/** Opens each transition's interval, from when the closed one ended if later. */
	private Mono<Void> open(List<Transition> round, Map<UUID, Closed> closed) {
		List<String> from = new ArrayList<>();
		for (Transition transition : round) {
			Closed before = closed.get(transition.componentId());
			Instant at = (before != null && before.end().isAfter(transition.at())) ? before.end() : transition.at();
			from.add(at.toString());
		}
		return this.database.sql("""
				INSERT INTO status_intervals (component_id, started_at, status, degradation, reason)
				SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:from AS timestamptz[]), CAST(:statuses AS text[]),
				    CAST(:degradations AS text[]), CAST(:reasons AS text[]))
				ON CONFLICT (component_id, started_at) DO UPDATE SET ended_at = NULL, status = excluded.status,
				    degradation = excluded.degradation, reason = excluded.reason""")
			.bind("ids", round.stream().map(Transition::componentId).toArray(UUID[]::new))
			.bind("from", from.toArray(String[]::new))
			.bind("statuses", round.stream().map((t) -> t.kind().status().name()).toArray(String[]::new))
			.bind("degradations", round.stream().map((t) -> degradation(t.kind())).toArray(String[]::new))
			.bind("reasons", round.stream().map(Transition::reason).toArray(String[]::new))
			.then();
	}

	private static String degradation(StatusKind kind) {
		return switch (kind) {
			case PERFORMANCE -> StatusKind.PERFORMANCE_DEGRADATION;
			case PARTIAL -> StatusKind.PARTIAL_DEGRADATION;
			default -> null;
		};
	}

	/**
	 * Adds closed intervals' time (one per component) to their hourly and daily rollups:
	 * one statement for each.
	 */
	private Mono<Void> addTime(Map<UUID, Closed> closed, Map<UUID, ZoneId> zones) {
		TimeRows hourly = new TimeRows();
		TimeRows daily = new TimeRows();
		closed.forEach((componentId, interval) -> {
			if (!interval.start().isBefore(interval.end())) {
				return;
			}
			ZoneId zone = zones.getOrDefault(componentId, UTC);
			Buckets.hours(interval.start(), interval.end())
				.forEach((hour, millis) -> hourly.add(componentId, hour.toString(), null, interval.kind(), millis));
			Buckets.days(interval.start(), interval.end(), zone)
				.forEach(
						(day, millis) -> daily.add(componentId, day.toString(), zone.getId(), interval.kind(), millis));
		});
		if (hourly.isEmpty()) {
			return Mono.empty();
		}
		Mono<Void> hours = hourly.bind(this.database.sql("""
				INSERT INTO status_rollups_hourly (component_id, hour, operational_ms, performance_ms, partial_ms,
				    outage_ms, maintenance_ms, unknown_ms)
				SELECT t.id, t.bucket, t.op, t.perf, t.partial, t.outage, t.maintenance, t.unknown
				FROM unnest(CAST(:ids AS uuid[]), CAST(:buckets AS timestamptz[]), CAST(:op AS bigint[]),
				    CAST(:perf AS bigint[]), CAST(:partial AS bigint[]), CAST(:outage AS bigint[]),
				    CAST(:maintenance AS bigint[]), CAST(:unknown AS bigint[]))
				    AS t(id, bucket, op, perf, partial, outage, maintenance, unknown)
				ON CONFLICT (component_id, hour) DO UPDATE SET """ + " " + ADD_TIME.formatted("status_rollups_hourly")))
			.then();
		Mono<Void> days = daily.bind(this.database.sql("""
				INSERT INTO status_rollups_daily (component_id, zone, day, operational_ms, performance_ms, partial_ms,
				    outage_ms, maintenance_ms, unknown_ms)
				SELECT t.id, t.zone, t.bucket, t.op, t.perf, t.partial, t.outage, t.maintenance, t.unknown
				FROM unnest(CAST(:ids AS uuid[]), CAST(:zones AS text[]), CAST(:buckets AS date[]),
				    CAST(:op AS bigint[]), CAST(:perf AS bigint[]), CAST(:partial AS bigint[]),
				    CAST(:outage AS bigint[]), CAST(:maintenance AS bigint[]), CAST(:unknown AS bigint[]))
				    AS t(id, zone, bucket, op, perf, partial, outage, maintenance, unknown)
				ON CONFLICT (component_id, zone, day) DO UPDATE SET """ + " "
				+ ADD_TIME.formatted("status_rollups_daily")))
			.then();
		return hours.then(days);
	}

	private static final String ADD_TIME = """
			operational_ms = %1$s.operational_ms + excluded.operational_ms,
			    performance_ms = %1$s.performance_ms + excluded.performance_ms,
			    partial_ms = %1$s.partial_ms + excluded.partial_ms, outage_ms = %1$s.outage_ms + excluded.outage_ms,
			    maintenance_ms = %1$s.maintenance_ms + excluded.maintenance_ms,
			    unknown_ms = %1$s.unknown_ms + excluded.unknown_ms""";

	/** The components' pages' time zones, in one query. */
	private Mono<Map<UUID, ZoneId>> zonesOf(Collection<UUID> componentIds) {
		return this.database
			.sql("SELECT c.id, a.time_zone FROM components c JOIN applications a ON a.id = c.application_id "
					+ "WHERE c.id = ANY(:ids)")
			.bind("ids", componentIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("id", UUID.class), ZoneId.of(row.get("time_zone", String.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Rollup rows of status time to add, as the arrays a multi-row upsert binds. */
	private static final class TimeRows {

		private final List<UUID> ids = new ArrayList<>();

		private final List<String> buckets = new ArrayList<>();

		private final List<String> zones = new ArrayList<>();

		private final List<Long[]> millis = new ArrayList<>();

		void add(UUID componentId, String bucket, String zone, StatusKind kind, long value) {
			Long[] row = { 0L, 0L, 0L, 0L, 0L, 0L };
			row[kind.ordinal()] = value;
			this.ids.add(componentId);
			this.buckets.add(bucket);
			this.zones.add(zone);
			this.millis.add(row);
		}

		boolean isEmpty() {
			return this.ids.isEmpty();
		}

		DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
			spec = spec.bind("ids", this.ids.toArray(UUID[]::new)).bind("buckets", this.buckets.toArray(String[]::new));
			if (this.zones.get(0) != null) {
				spec = spec.bind("zones", this.zones.toArray(String[]::new));
			}
			String[] names = { "op", "perf", "partial", "outage", "maintenance", "unknown" };
			for (int k = 0; k < names.length; k++) {
				int kind = k;
				spec = spec.bind(names[k], this.millis.stream().map((row) -> row[kind]).toArray(Long[]::new));
			}
			return spec;
		}

	}

	@Override
	public Mono<Map<UUID, StoredHistory>> read(Collection<UUID> componentIds, ZoneId zone, Instant hoursFrom,
			LocalDate daysFrom) {
		if (componentIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		UUID[] ids = componentIds.toArray(UUID[]::new);
		// buckets as numbers (epoch seconds, epoch days): decoding a timestamp's text was
		// a third of reading a row
		Mono<List<Map.Entry<UUID, Map.Entry<Instant, Rollup>>>> hours = (hoursFrom == null) ? Mono.just(List.of())
				: this.database
					.sql("SELECT component_id, CAST(extract(epoch FROM hour) AS bigint), " + SHOWN_COLUMNS
							+ " FROM status_rollups_hourly WHERE component_id = ANY(:ids) AND hour >= :from")
					.bind("ids", ids)
					.bind("from", hoursFrom)
					.map((row) -> Map.entry(row.get(0, UUID.class),
							Map.entry(Instant.ofEpochSecond(row.get(1, Long.class)), shown(row, 2))))
					.all()
					.collectList();
		// the zone in the condition: an index range per component, whatever other
		// zones' days are kept
		Mono<List<DayRow>> days = this.database
			.sql("SELECT component_id, day - DATE '1970-01-01', " + SHOWN_COLUMNS
					+ " FROM status_rollups_daily WHERE component_id = ANY(:ids) AND zone = :zone AND day >= :from")
			.bind("ids", ids)
			.bind("zone", zone.getId())
			.bind("from", daysFrom)
			.map((row) -> new DayRow(row.get(0, UUID.class), zone.getId(),
					LocalDate.ofEpochDay(row.get(1, Integer.class)), shown(row, 2)))
			.all()
			.collectList();
		// days cut in another zone: two index ranges per component, empty but after a
		// change of the page's zone
		Mono<List<UUID>> otherZones = this.database.sql("""
				SELECT c.id FROM unnest(CAST(:ids AS uuid[])) AS c(id)
				WHERE EXISTS (SELECT 1 FROM status_rollups_daily d
				        WHERE d.component_id = c.id AND d.zone < :zone AND d.day >= :from)
				    OR EXISTS (SELECT 1 FROM status_rollups_daily d
				        WHERE d.component_id = c.id AND d.zone > :zone AND d.day >= :from)""")
			.bind("ids", ids)
			.bind("zone", zone.getId())
			.bind("from", daysFrom)
			.map((row) -> row.get(0, UUID.class))
			.all()
			.collectList();
		return Mono.zip(hours, days, otherZones).map((parts) -> {
			Map<UUID, Map<Instant, Rollup>> hourly = new HashMap<>();
			parts.getT1()
				.forEach((entry) -> hourly.computeIfAbsent(entry.getKey(), (id) -> new HashMap<>())
					.put(entry.getValue().getKey(), entry.getValue().getValue()));
			Map<UUID, Map<LocalDate, Rollup>> daily = new HashMap<>();
			for (DayRow row : parts.getT2()) {
				daily.computeIfAbsent(row.componentId(), (id) -> new HashMap<>()).put(row.day(), row.rollup());
			}
			Set<UUID> otherZone = new HashSet<>(parts.getT3());
			Map<UUID, StoredHistory> stored = new HashMap<>();
			for (UUID id : componentIds) {
				stored.put(id, new StoredHistory(hourly.getOrDefault(id, Map.of()), daily.getOrDefault(id, Map.of()),
						otherZone.contains(id)));
			}
			return stored;
		});
	}

	@Override
	public Mono<Map<UUID, Mark>> marks(Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql("""
				SELECT c.id, CAST(extract(epoch FROM i.started_at) * 1000000 AS bigint) AS since, i.status,
				    i.degradation, coalesce(m.changes, 0) AS changes
				FROM unnest(CAST(:ids AS uuid[])) AS c(id)
				    LEFT JOIN status_intervals i ON i.component_id = c.id AND i.ended_at IS NULL
				    LEFT JOIN history_marks m ON m.component_id = c.id""")
			.bind("ids", componentIds.toArray(UUID[]::new))
			.map((row) -> {
				String status = row.get(2, String.class);
				OpenInterval open = (status != null)
						? new OpenInterval(StatusKind.of(ComponentStatus.valueOf(status), row.get(3, String.class)),
								Instant.EPOCH.plus(row.get(1, Long.class), ChronoUnit.MICROS))
						: null;
				return Map.entry(row.get(0, UUID.class), new Mark(open, row.get(4, Long.class)));
			})
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Counts a change of these components' rollups that their intervals do not show (see
	 * {@link #marks}); rows locked in the components' order.
	 */
	private Mono<Void> markChanged(Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				INSERT INTO history_marks (component_id, changes)
				SELECT id, 1 FROM unnest(CAST(:ids AS uuid[])) AS c(id) ORDER BY id
				ON CONFLICT (component_id) DO UPDATE SET changes = history_marks.changes + 1""")
			.bind("ids", componentIds.stream().distinct().sorted().toArray(UUID[]::new))
			.then();
	}

	/**
	 * A bucket as shown, from {@link #SHOWN_COLUMNS} starting at column {@code first}:
	 * its stored percentiles, or its sketch's where none were stored yet.
	 */
	private static Rollup shown(Readable row, int first) {
		StatusTime time = new StatusTime(row.get(first, Long.class), row.get(first + 1, Long.class),
				row.get(first + 2, Long.class), row.get(first + 3, Long.class), row.get(first + 4, Long.class),
				row.get(first + 5, Long.class));
		long checks = row.get(first + 6, Long.class);
		long count = row.get(first + 7, Long.class);
		if (count == 0) {
			return new Rollup(time, checks, ResponseSummary.NONE);
		}
		Long p50 = row.get(first + 10, Long.class);
		ResponseSummary responses = (p50 != null)
				? new ResponseSummary(count, row.get(first + 8, Long.class), row.get(first + 9, Long.class), p50,
						row.get(first + 11, Long.class))
				: ResponseTimes
					.of(count, row.get(first + 8, Long.class), row.get(first + 9, Long.class),
							row.get(first + 12, byte[].class))
					.summary();
		return new Rollup(time, checks, responses);
	}

	/** A bucket's checks and response times with the sketch, to merge it. */
	private static Mergeable mergeable(Readable row) {
		StatusTime time = new StatusTime(row.get("operational_ms", Long.class), row.get("performance_ms", Long.class),
				row.get("partial_ms", Long.class), row.get("outage_ms", Long.class),
				row.get("maintenance_ms", Long.class), row.get("unknown_ms", Long.class));
		return new Mergeable(time, row.get("check_count", Long.class), responseTimes(row));
	}

	private static ResponseTimes responseTimes(Readable row) {
		return ResponseTimes.of(row.get("response_count", Long.class), row.get("response_sum_ms", Long.class),
				row.get("response_max_ms", Long.class), row.get("response_sketch", byte[].class));
	}

	@Override
	public Flux<IncidentSpan> incidents(UUID applicationId, Instant from) {
		return this.database
			.sql("SELECT incident_id, component_ids, started_at, resolved_at FROM history_incidents "
					+ "WHERE application_id = :id AND (resolved_at IS NULL OR resolved_at >= :from)")
			.bind("id", applicationId)
			.bind("from", from)
			.map((row) -> new IncidentSpan(row.get("incident_id", UUID.class),
					List.of(row.get("component_ids", UUID[].class)), row.get("started_at", Instant.class),
					row.get("resolved_at", Instant.class)))
			.all();
	}

	@Override
	public Mono<Void> keepIncident(IncidentChanged event) {
		IncidentChanged.Incident incident = event.incident();
		List<UUID> components = (incident.componentIds() != null) ? incident.componentIds() : List.of();
		var spec = this.database.sql("""
				INSERT INTO history_incidents (incident_id, application_id, component_ids, started_at, resolved_at,
				    version)
				VALUES (:id, :application, :components, :startedAt, :resolvedAt, :version)
				ON CONFLICT (incident_id) DO UPDATE SET component_ids = excluded.component_ids,
				    started_at = excluded.started_at, resolved_at = excluded.resolved_at, version = excluded.version
				WHERE history_incidents.version < excluded.version""")
			.bind("id", incident.incidentId())
			.bind("application", incident.applicationId())
			.bind("components", components.toArray(UUID[]::new))
			.bind("startedAt", incident.startedAt())
			.bind("version", incident.version());
		spec = (incident.resolvedAt() != null) ? spec.bind("resolvedAt", incident.resolvedAt())
				: spec.bindNull("resolvedAt", Instant.class);
		return spec.then();
	}

	@Override
	public Mono<Long> rollUpChecks(Duration settle, Duration maxSpan) {
		return this.database.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked")
			.bind("lock", ROLLUP_LOCK)
			.map((row) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one()
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> this.database.sql(
					"SELECT rolled_upto, statement_timestamp() AS now FROM status_rollup_progress WHERE name = 'checks' "
							+ "FOR UPDATE")
				.map((row) -> new Progress(row.get("rolled_upto", Instant.class), row.get("now", Instant.class)))
				.one())
			.flatMap((progress) -> firstReceivedAfter(progress.from()).flatMap((first) -> {
				Instant settled = progress.now().minus(settle);
				// nothing was received in between: skip to the first check after the mark
				Instant upto = (first.isPresent() ? first.get() : settled).plus(maxSpan);
				if (settled.isBefore(upto)) {
					upto = settled;
				}
				if (!upto.isAfter(progress.from())) {
					return Mono.just(0L);
				}
				Instant until = upto;
				return checks(progress.from(), until).flatMap(
						(checks) -> aggregate(checks)
							.then(this.database
								.sql("UPDATE status_rollup_progress SET rolled_upto = :upto WHERE name = 'checks'")
								.bind("upto", until)
								.then())
							.thenReturn((long) checks.size()));
			}))
			.defaultIfEmpty(0L);
	}

	private Mono<Optional<Instant>> firstReceivedAfter(Instant mark) {
		return this.database.sql("SELECT min(received_at) AS first FROM status_checks WHERE received_at > :mark")
			.bind("mark", mark)
			.map((row) -> Optional.ofNullable(row.get("first", Instant.class)))
			.one();
	}

	private Mono<List<Check>> checks(Instant from, Instant upto) {
		return this.database.sql("""
				SELECT s.component_id, s.checked_at, s.response_time_ms, a.time_zone
				FROM status_checks s JOIN components c ON c.id = s.component_id
				    JOIN applications a ON a.id = c.application_id
				WHERE s.received_at > :from AND s.received_at <= :upto""")
			.bind("from", from)
			.bind("upto", upto)
			.map((row) -> new Check(row.get("component_id", UUID.class), row.get("checked_at", Instant.class),
					row.get("response_time_ms", Long.class), row.get("time_zone", String.class)))
			.all()
			.collectList();
	}

	private Mono<Void> aggregate(List<Check> checks) {
		CheckBuckets buckets = new CheckBuckets();
		for (Check check : checks) {
			buckets.add(check.componentId(), check.checkedAt(), check.responseMillis(), ZoneId.of(check.zone()));
		}
		Mono<Void> hourly = Flux.fromIterable(buckets.hours().entrySet())
			.concatMap((entry) -> addChecks("status_rollups_hourly", "hour", entry.getKey().hour(),
					entry.getKey().componentId(), null, entry.getValue()))
			.then();
		Mono<Void> daily = Flux.fromIterable(buckets.days().entrySet())
			.concatMap((entry) -> addChecks("status_rollups_daily", "day", entry.getKey().day(),
					entry.getKey().componentId(), entry.getKey().zone(), entry.getValue()))
			.then();
		Set<UUID> changed = new HashSet<>();
		buckets.hours().keySet().forEach((key) -> changed.add(key.componentId()));
		buckets.days().keySet().forEach((key) -> changed.add(key.componentId()));
		return hourly.then(daily).then(markChanged(changed));
	}

	/**
	 * Merges counted checks into one rollup row, its sketch merged in Java under the
	 * row's lock.
	 */
	private Mono<Void> addChecks(String table, String bucketColumn, Object bucket, UUID componentId, String zone,
			Counted counted) {
		String zoneCondition = (zone != null) ? " AND zone = :zone" : "";
		var read = this.database
			.sql("SELECT response_count, response_sum_ms, response_max_ms, response_sketch FROM " + table
					+ " WHERE component_id = :id AND " + bucketColumn + " = :bucket" + zoneCondition + " FOR UPDATE")
			.bind("id", componentId)
			.bind("bucket", bucket);
		if (zone != null) {
			read = read.bind("zone", zone);
		}
		return read.map(R2dbcHistoryStore::responseTimes)
			.one()
			.defaultIfEmpty(new ResponseTimes())
			.flatMap((stored) -> {
				stored.add(counted.responses());
				String zoneColumn = (zone != null) ? "zone, " : "";
				String zoneValue = (zone != null) ? ":zone, " : "";
				String conflict = (zone != null) ? "component_id, zone, day" : "component_id, hour";
				var write = this.database
					.sql("INSERT INTO " + table + " (component_id, " + zoneColumn + bucketColumn
							+ ", check_count, response_count, response_sum_ms, response_max_ms, response_p50_ms, "
							+ "response_p95_ms, response_sketch) " + "VALUES (:id, " + zoneValue
							+ ":bucket, :checks, :count, :sum, :max, :p50, :p95, :sketch) " + "ON CONFLICT (" + conflict
							+ ") DO UPDATE SET check_count = " + table
							+ ".check_count + excluded.check_count, response_count = excluded.response_count, "
							+ "response_sum_ms = excluded.response_sum_ms, response_max_ms = excluded.response_max_ms, "
							+ "response_p50_ms = excluded.response_p50_ms, response_p95_ms = excluded.response_p95_ms, "
							+ "response_sketch = excluded.response_sketch")
					.bind("id", componentId)
					.bind("bucket", bucket)
					.bind("checks", counted.checks())
					.bind("count", stored.count())
					.bind("sum", stored.sumMillis());
				if (zone != null) {
					write = write.bind("zone", zone);
				}
				write = summary(write, stored.summary());
				byte[] sketch = stored.encodedSketch();
				write = (sketch != null) ? write.bind("sketch", sketch) : write.bindNull("sketch", byte[].class);
				return write.then();
			});
	}

	@Override
	public Mono<Void> rebuildDays(UUID componentId, ZoneId zone) {
		Mono<List<Closed>> intervals = this.database
			.sql("SELECT started_at, ended_at, status, degradation FROM status_intervals "
					+ "WHERE component_id = :id AND ended_at IS NOT NULL")
			.bind("id", componentId)
			.map((row) -> new Closed(row.get("started_at", Instant.class), row.get("ended_at", Instant.class),
					StatusKind.of(ComponentStatus.valueOf(row.get("status", String.class)),
							row.get("degradation", String.class))))
			.all()
			.collectList();
		Mono<List<Map.Entry<Instant, Mergeable>>> hours = this.database
			.sql("SELECT hour, " + ROLLUP_COLUMNS + " FROM status_rollups_hourly WHERE component_id = :id")
			.bind("id", componentId)
			.map((row) -> Map.entry(row.get("hour", Instant.class), mergeable(row)))
			.all()
			.collectList();
		Mono<List<Map.Entry<LocalDate, Mergeable>>> oldDays = this.database
			.sql("SELECT day, " + ROLLUP_COLUMNS + " FROM status_rollups_daily WHERE component_id = :id")
			.bind("id", componentId)
			.map((row) -> Map.entry(row.get("day", LocalDate.class), mergeable(row)))
			.all()
			.collectList();
		return Mono.zip(intervals, hours, oldDays).flatMap((parts) -> {
			Map<LocalDate, StatusTime> time = new HashMap<>();
			for (Closed interval : parts.getT1()) {
				Buckets.days(interval.start(), interval.end(), zone)
					.forEach(
							(day, millis) -> time.merge(day, StatusTime.of(interval.kind(), millis), StatusTime::plus));
			}
			Map<LocalDate, Counted> responses = new HashMap<>();
			for (Map.Entry<Instant, Mergeable> hour : parts.getT2()) {
				// an hour belongs to the day it starts in (exact for every zone with
				// whole-hour offsets)
				responses.computeIfAbsent(LocalDate.ofInstant(hour.getKey(), zone), (day) -> new Counted())
					.add(hour.getValue().checks(), hour.getValue().responses());
			}
			for (Map.Entry<LocalDate, Mergeable> old : parts.getT3()) {
				// days older than the hourly rollups keep the response times they had
				if (!responses.containsKey(old.getKey()) && old.getValue().checks() > 0) {
					responses.computeIfAbsent(old.getKey(), (day) -> new Counted())
						.add(old.getValue().checks(), old.getValue().responses());
				}
			}
			List<LocalDate> all = new ArrayList<>(time.keySet());
			responses.keySet().stream().filter((day) -> !time.containsKey(day)).forEach(all::add);
			Mono<Void> delete = this.database.sql("DELETE FROM status_rollups_daily WHERE component_id = :id")
				.bind("id", componentId)
				.then();
			return delete.thenMany(Flux.fromIterable(all))
				.concatMap((day) -> insertDay(componentId, zone, day, time.getOrDefault(day, StatusTime.NONE),
						responses.getOrDefault(day, new Counted())))
				.then(markChanged(List.of(componentId)));
		});
	}

	private Mono<Void> insertDay(UUID componentId, ZoneId zone, LocalDate day, StatusTime time, Counted counted) {
		ResponseTimes responses = counted.responses();
		var spec = this.database
			.sql("INSERT INTO status_rollups_daily (component_id, zone, day, " + ROLLUP_COLUMNS
					+ ", response_p50_ms, response_p95_ms) VALUES (:id, :zone, :day, :op, :perf, :partial, :outage, "
					+ ":maintenance, :unknown, :checks, :count, :sum, :max, :sketch, :p50, :p95) "
					+ "ON CONFLICT (component_id, zone, day) DO NOTHING")
			.bind("id", componentId)
			.bind("zone", zone.getId())
			.bind("day", day)
			.bind("op", time.operational())
			.bind("perf", time.performance())
			.bind("partial", time.partial())
			.bind("outage", time.outage())
			.bind("maintenance", time.maintenance())
			.bind("unknown", time.unknown())
			.bind("checks", counted.checks())
			.bind("count", responses.count())
			.bind("sum", responses.sumMillis());
		spec = summary(spec, responses.summary());
		byte[] sketch = responses.encodedSketch();
		spec = (sketch != null) ? spec.bind("sketch", sketch) : spec.bindNull("sketch", byte[].class);
		return spec.then();
	}

	/** Binds {@code :max}, {@code :p50} and {@code :p95} (null without any answer). */
	private static DatabaseClient.GenericExecuteSpec summary(DatabaseClient.GenericExecuteSpec spec,
			ResponseSummary summary) {
		spec = (summary.maxMillis() != null) ? spec.bind("max", summary.maxMillis()) : spec.bindNull("max", Long.class);
		spec = (summary.p50Millis() != null) ? spec.bind("p50", summary.p50Millis()) : spec.bindNull("p50", Long.class);
		return (summary.p95Millis() != null) ? spec.bind("p95", summary.p95Millis()) : spec.bindNull("p95", Long.class);
	}

	@Override
	public Mono<Long> fillMissingPercentiles() {
		return fillMissingPercentiles("status_rollups_hourly").zipWith(fillMissingPercentiles("status_rollups_daily"),
				Long::sum);
	}

	/**
	 * Fills up to {@link #BACKFILL_BATCH} rows of {@code table} whose percentiles were
	 * never stored from their sketches; rows another transaction holds are left for the
	 * next run. The rows are named by {@code ctid}, stable while this transaction holds
	 * them locked.
	 */
	private Mono<Long> fillMissingPercentiles(String table) {
		return this.database
			.sql("SELECT ctid::text AS row_id, response_count, response_sum_ms, response_max_ms, response_sketch FROM "
					+ table + " WHERE response_p50_ms IS NULL AND response_count > 0 AND response_sketch IS NOT NULL "
					+ "LIMIT :limit FOR UPDATE SKIP LOCKED")
			.bind("limit", BACKFILL_BATCH)
			.map((row) -> Map.entry(row.get("row_id", String.class), responseTimes(row).summary()))
			.all()
			.collectList()
			.flatMap((rows) -> {
				if (rows.isEmpty()) {
					return Mono.just(0L);
				}
				return this.database
					.sql("UPDATE " + table + " t SET response_p50_ms = f.p50, response_p95_ms = f.p95 "
							+ "FROM unnest(CAST(:rows AS tid[]), CAST(:p50 AS bigint[]), CAST(:p95 AS bigint[])) "
							+ "AS f(row_id, p50, p95) WHERE t.ctid = f.row_id")
					.bind("rows", rows.stream().map(Map.Entry::getKey).toArray(String[]::new))
					.bind("p50", rows.stream().map((row) -> row.getValue().p50Millis()).toArray(Long[]::new))
					.bind("p95", rows.stream().map((row) -> row.getValue().p95Millis()).toArray(Long[]::new))
					.fetch()
					.rowsUpdated();
			});
	}

	@Override
	public Mono<Integer> ensurePartitions(LocalDate first, LocalDate last) {
		return this.database.sql("SELECT status_checks_ensure_partitions(:first, :last) AS made")
			.bind("first", first)
			.bind("last", last)
			.map((row) -> row.get("made", Integer.class))
			.one();
	}

	@Override
	public Flux<String> dropPartitionsBefore(LocalDate day) {
		return this.database.sql("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				    JOIN pg_class p ON p.oid = i.inhparent
				WHERE p.relname = 'status_checks' ORDER BY c.relname""")
			.map((row) -> row.get("relname", String.class))
			.all()
			.filter((name) -> {
				Matcher matcher = PARTITION.matcher(name);
				return matcher.matches()
						&& LocalDate.parse(matcher.group(1), DateTimeFormatter.BASIC_ISO_DATE).isBefore(day);
			})
			// the name comes from the catalog and matches status_checks_<8 digits>
			.concatMap((name) -> this.database.sql("DROP TABLE " + name).then().thenReturn(name));
	}

	@Override
	public Mono<Long> purgeHoursBefore(Instant before) {
		return this.database.sql("DELETE FROM status_rollups_hourly WHERE hour < :before")
			.bind("before", before)
			.fetch()
			.rowsUpdated();
	}

	private record Closed(Instant start, Instant end, StatusKind kind) {
	}

	private record DayRow(UUID componentId, String zone, LocalDate day, Rollup rollup) {
	}

	private record Mergeable(StatusTime time, long checks, ResponseTimes responses) {
	}

	private record Progress(Instant from, Instant now) {
	}

	private record Check(UUID componentId, Instant checkedAt, Long responseMillis, String zone) {
	}

}
