package dev.beacon.statusapi.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every uptime figure, daily bar and rollup, computed as the service does (intervals cut
 * into hourly and daily buckets when they close, the open interval added on read), agrees
 * exactly with a brute-force count over every second of the same random timelines:
 * maintenance, unknown and no-data gaps, flapping, boundaries on hours and local
 * midnights, time zones with DST changes (and half-hour offsets), windows that start
 * mid-interval.
 */
class UptimeTruthTests {

	/** Marks a segment that lasts until the next local midnight. */
	private static final long TO_MIDNIGHT = -1;

	/** Marks a segment that lasts until the next full hour. */
	private static final long TO_HOUR = -2;

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
			ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
			ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"));

	/** Instants near DST changes in the zones above. */
	private static final List<Instant> NEAR_DST = List.of(Instant.parse("2026-03-08T05:00:00Z"),
			Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-04-05T02:00:00Z"),
			Instant.parse("2026-09-27T14:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
			Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-06-21T12:00:00Z"));

	record Segment(StatusKind kind, long seconds) {
	}

	record Scenario(ZoneId zone, Instant now, long leadSeconds, List<List<Segment>> components, List<long[]> checks,
			List<long[]> incidents) {
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		Arbitrary<StatusKind> kinds = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(StatusKind.OPERATIONAL)),
				Tuple.of(2, Arbitraries.just(StatusKind.PERFORMANCE)),
				Tuple.of(2, Arbitraries.just(StatusKind.PARTIAL)), Tuple.of(2, Arbitraries.just(StatusKind.OUTAGE)),
				Tuple.of(1, Arbitraries.just(StatusKind.MAINTENANCE)),
				Tuple.of(1, Arbitraries.just(StatusKind.UNKNOWN)), Tuple.of(1, Arbitraries.just((StatusKind) null)));
		Arbitrary<Long> lengths = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(1, 120)),
				Tuple.of(3, Arbitraries.longs().between(121, 6 * 3600)),
				Tuple.of(3, Arbitraries.longs().between(6 * 3600, 5 * 86400)),
				Tuple.of(1, Arbitraries.just(TO_MIDNIGHT)), Tuple.of(1, Arbitraries.just(TO_HOUR)));
		Arbitrary<List<Segment>> timeline = Combinators.combine(kinds, lengths)
			.as(Segment::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(80);
		Arbitrary<long[]> check = Combinators
			.combine(Arbitraries.longs().between(0, 26L * 3600), Arbitraries.longs().between(0, 5000),
					Arbitraries.integers().between(0, 9))
			.as((ago, millis, noAnswer) -> new long[] { ago, (noAnswer == 0) ? -1 : millis });
		Arbitrary<long[]> incident = Combinators
			.combine(Arbitraries.longs().between(1, 95L * 86400), Arbitraries.longs().between(-1, 3L * 86400),
					Arbitraries.integers().between(0, 1))
			.as((ago, seconds, component) -> new long[] { ago, seconds, component });
		return Combinators
			.combine(Arbitraries.of(ZONES), Arbitraries.of(NEAR_DST), Arbitraries.longs().between(0, 3L * 86400),
					Arbitraries.longs().between(0, 6L * 86400), timeline.list().ofSize(2), check.list().ofMaxSize(60),
					incident.list().ofMaxSize(4))
			.as((zone, near, shift, lead, components, checks, incidents) -> new Scenario(zone,
					near.plusSeconds(shift).plusSeconds(90L * 86400), lead, components, checks, incidents));
	}

	@Property(tries = 25)
	void everyFigureAgreesWithASecondBySecondCount(@ForAll("scenarios") Scenario scenario) {
		ZoneId zone = scenario.zone();
		Instant now = scenario.now();
		Instant start = now.minus(95, ChronoUnit.DAYS).minusSeconds(scenario.leadSeconds());
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
		List<byte[]> seconds = new ArrayList<>();
		List<Timeline> timelines = new ArrayList<>();
		CheckBuckets checks = new CheckBuckets();
		List<long[]> checkTruth = new ArrayList<>();
		for (long[] check : scenario.checks()) {
			Instant at = now.minusSeconds(check[0]);
			Long millis = (check[1] < 0) ? null : check[1];
			checks.add(ids.get(0), at, millis, zone);
			checkTruth.add(new long[] { at.getEpochSecond(), check[1] });
		}
		for (int c = 0; c < 2; c++) {
			byte[] truth = new byte[(int) (now.getEpochSecond() - start.getEpochSecond())];
			Arrays.fill(truth, (byte) -1);
			Timeline timeline = build(scenario.components().get(c), start, now, zone, truth,
					(c == 0) ? checks : new CheckBuckets(), ids.get(c));
			seconds.add(truth);
			timelines.add(timeline);
		}
		List<IncidentSpan> incidents = new ArrayList<>();
		for (long[] incident : scenario.incidents()) {
			Instant began = now.minusSeconds(incident[0]);
			Instant resolved = (incident[1] < 0) ? null : began.plusSeconds(1 + incident[1]);
			if (resolved != null && resolved.isAfter(now)) {
				resolved = null;
			}
			incidents.add(new IncidentSpan(UUID.randomUUID(), List.of(ids.get((int) incident[2])), began, resolved));
		}
		long base = start.getEpochSecond();
		long end = now.getEpochSecond();
		Map<String, long[]> ranges = new HashMap<>();
		for (Window window : Window.values()) {
			ranges.put(window.key(), new long[] { timelines.get(0).start(window).getEpochSecond(), end });
		}
		LocalDate today = timelines.get(0).today();
		for (int i = 0; i < StatusHistory.DAYS; i++) {
			LocalDate day = today.minusDays(i);
			ranges.put(day.toString(), new long[] { Buckets.startOf(day, zone).getEpochSecond(),
					Buckets.startOf(day.plusDays(1), zone).getEpochSecond() });
		}
		Instant currentHour = Buckets.hourOf(now);
		for (int i = 0; i < 26; i++) {
			Instant hour = currentHour.minus(i, ChronoUnit.HOURS);
			ranges.put(hour.toString(), new long[] { hour.getEpochSecond(), hour.getEpochSecond() + 3600 });
		}
		List<SecondCount> each = List.of(new SecondCount(seconds.subList(0, 1), base, end, ranges),
				new SecondCount(seconds.subList(1, 2), base, end, ranges));
		SecondCount both = new SecondCount(seconds, base, end, ranges);

		for (Window window : Window.values()) {
			for (int c = 0; c < 2; c++) {
				List<Timeline> one = List.of(timelines.get(c));
				assertThat(timelines.get(c).time(window)).as("%s time of component %d", window.key(), c)
					.isEqualTo(each.get(c).time(window.key()));
				assertThat(HistoryReport.time(one, window).uptimePercent())
					.as("%s uptime of component %d", window.key(), c)
					.isEqualTo(each.get(c).uptime(window.key()));
				assertThat(HistoryReport.coverage(one, window)).as("%s coverage of component %d", window.key(), c)
					.isEqualTo(each.get(c).coverage(window.key()));
			}
			assertThat(HistoryReport.uptime(timelines).get(window.key())).as("%s uptime of the page", window.key())
				.isEqualTo(both.uptime(window.key()));
			assertThat(HistoryReport.coverage(timelines, window)).as("%s coverage of the page", window.key())
				.isEqualTo(both.coverage(window.key()));
		}

		List<DayBar> pageDays = HistoryReport.days(timelines, zone, now, StatusHistory.DAYS, incidents,
				(incident) -> true);
		assertThat(pageDays).hasSize(StatusHistory.DAYS);
		assertThat(pageDays.get(StatusHistory.DAYS - 1).date()).isEqualTo(today);
		for (int c = 0; c < 2; c++) {
			UUID id = ids.get(c);
			List<DayBar> days = HistoryReport.days(List.of(timelines.get(c)), zone, now, StatusHistory.DAYS, incidents,
					(incident) -> incident.componentIds().contains(id));
			for (DayBar day : days) {
				String key = day.date().toString();
				long from = Buckets.startOf(day.date(), zone).getEpochSecond();
				long to = Math.min(Buckets.startOf(day.date().plusDays(1), zone).getEpochSecond(), end);
				assertThat(day.uptime()).as("uptime of %s", key).isEqualTo(each.get(c).uptime(key));
				assertThat(day.worst()).as("worst of %s", key).isEqualTo(each.get(c).time(key).worst());
				assertThat(timelines.get(c).day(day.date()).time()).as("rollup of %s", key)
					.isEqualTo(each.get(c).time(key));
				assertThat(day.incidentIds()).as("incidents of %s", key)
					.containsExactlyInAnyOrderElementsOf(openDuring(incidents, id, from, to, now));
			}
		}
		for (DayBar day : pageDays) {
			assertThat(day.uptime()).as("page uptime of %s", day.date()).isEqualTo(both.uptime(day.date().toString()));
		}

		// hourly rollups of the last 26 hours: status time and checks
		for (int i = 0; i < 26; i++) {
			Instant hour = currentHour.minus(i, ChronoUnit.HOURS);
			Rollup rollup = timelines.get(0).hour(hour);
			assertThat(rollup.time()).as("rollup of %s", hour).isEqualTo(each.get(0).time(hour.toString()));
			assertResponses(rollup, checkTruth, hour.getEpochSecond(), hour.getEpochSecond() + 3600);
		}
		for (int i = 0; i < 3; i++) {
			LocalDate day = today.minusDays(i);
			assertResponses(timelines.get(0).day(day), checkTruth, Buckets.startOf(day, zone).getEpochSecond(),
					Buckets.startOf(day.plusDays(1), zone).getEpochSecond());
		}
	}

	private static void assertResponses(Rollup rollup, List<long[]> checks, long from, long to) {
		long[] inBucket = checks.stream().filter((c) -> c[0] >= from && c[0] < to).mapToLong((c) -> c[1]).toArray();
		long[] answered = Arrays.stream(inBucket).filter((millis) -> millis >= 0).sorted().toArray();
		assertThat(rollup.checks()).as("checks").isEqualTo(inBucket.length);
		ResponseSummary responses = rollup.responses();
		assertThat(responses.count()).as("response times").isEqualTo(answered.length);
		if (answered.length == 0) {
			assertThat(responses.meanMillis()).isNull();
			return;
		}
		long sum = Arrays.stream(answered).sum();
		assertThat(responses.meanMillis()).as("mean").isEqualTo(Math.round((double) sum / answered.length));
		assertThat(responses.maxMillis()).as("max").isEqualTo(answered[answered.length - 1]);
		for (double percentile : new double[] { 50, 95 }) {
			long exact = answered[(int) Math.ceil(percentile / 100 * answered.length) - 1];
			// the sketch keeps two significant digits: within 1% (and 1 ms) above the
			// exact value
			Long shown = (percentile == 50) ? responses.p50Millis() : responses.p95Millis();
			assertThat(shown).as("p%s", percentile)
				.isBetween(exact, Math.max(exact + 1, (long) Math.ceil(exact * 1.01)));
		}
	}

	private static List<UUID> openDuring(List<IncidentSpan> incidents, UUID component, long from, long to,
			Instant now) {
		List<UUID> open = new ArrayList<>();
		for (IncidentSpan incident : incidents) {
			if (!incident.componentIds().contains(component)) {
				continue;
			}
			long start = incident.startedAt().getEpochSecond();
			long end = (incident.resolvedAt() != null) ? incident.resolvedAt().getEpochSecond() : now.getEpochSecond();
			for (long s = Math.max(start, from); s < Math.min(end, to); s++) {
				open.add(incident.id());
				break;
			}
		}
		return open;
	}

	/**
	 * Plays the timeline as the service does: each closed interval cut into hours and
	 * days when it closes, the last one left open; and records every second's status in
	 * {@code truth}.
	 */
	private static Timeline build(List<Segment> segments, Instant start, Instant now, ZoneId zone, byte[] truth,
			CheckBuckets checks, UUID id) {
		Map<Instant, Rollup> hours = new HashMap<>();
		Map<LocalDate, Rollup> days = new HashMap<>();
		Instant at = start;
		OpenInterval open = null;
		for (int i = 0; i < segments.size() && at.isBefore(now); i++) {
			Segment segment = segments.get(i);
			Instant end = switch ((int) Math.max(segment.seconds(), -3)) {
				case (int) TO_MIDNIGHT -> Buckets.startOf(LocalDate.ofInstant(at, zone).plusDays(1), zone);
				case (int) TO_HOUR -> Buckets.hourOf(at).plus(1, ChronoUnit.HOURS);
				default -> at.plusSeconds(segment.seconds());
			};
			boolean last = i == segments.size() - 1 || !end.isBefore(now);
			if (last) {
				end = now;
			}
			byte kind = (segment.kind() != null) ? (byte) segment.kind().ordinal() : -1;
			Arrays.fill(truth, (int) (at.getEpochSecond() - start.getEpochSecond()),
					(int) (end.getEpochSecond() - start.getEpochSecond()), kind);
			if (segment.kind() != null) {
				if (last) {
					open = new OpenInterval(segment.kind(), at);
				}
				else {
					StatusKind closed = segment.kind();
					Buckets.hours(at, end)
						.forEach((hour, millis) -> hours.merge(hour, Rollup.empty().plus(StatusTime.of(closed, millis)),
								(a, b) -> a.plus(b.time())));
					Buckets.days(at, end, zone)
						.forEach((day, millis) -> days.merge(day, Rollup.empty().plus(StatusTime.of(closed, millis)),
								(a, b) -> a.plus(b.time())));
				}
			}
			at = end;
		}
		checks.hours()
			.forEach((key, counted) -> hours.merge(key.hour(), counted.rollup(),
					(a, b) -> new Rollup(a.time(), b.checks(), b.responses())));
		checks.days()
			.forEach((key, counted) -> days.merge(key.day(), counted.rollup(),
					(a, b) -> new Rollup(a.time(), b.checks(), b.responses())));
		return new Timeline(hours, days, open, zone, now);
	}

	/**
	 * The brute-force count: one pass over every second of every component, adding each
	 * second to the windows, local days and hours it falls in (boundaries computed once).
	 */
	static final class SecondCount {

		private final Map<String, long[]> buckets = new HashMap<>();

		private final Map<String, Long> lengths = new HashMap<>();

		SecondCount(List<byte[]> components, long base, long now, Map<String, long[]> ranges) {
			for (Map.Entry<String, long[]> range : ranges.entrySet()) {
				this.buckets.put(range.getKey(), new long[StatusKind.values().length]);
				long from = range.getValue()[0];
				long to = Math.min(range.getValue()[1], now);
				this.lengths.put(range.getKey(), Math.max(0, to - from) * components.size());
			}
			for (Map.Entry<String, long[]> range : ranges.entrySet()) {
				long[] counts = this.buckets.get(range.getKey());
				long to = Math.min(range.getValue()[1], now);
				for (byte[] seconds : components) {
					for (long s = Math.max(base, range.getValue()[0]); s < to; s++) {
						byte kind = seconds[(int) (s - base)];
						if (kind >= 0) {
							counts[kind]++;
						}
					}
				}
			}
		}

		StatusTime time(String bucket) {
			long[] k = this.buckets.get(bucket);
			return new StatusTime(k[0] * 1000, k[1] * 1000, k[2] * 1000, k[3] * 1000, k[4] * 1000, k[5] * 1000);
		}

		BigDecimal uptime(String bucket) {
			long[] k = this.buckets.get(bucket);
			long counted = k[0] + k[1] + k[2] + k[3];
			if (counted == 0) {
				return null;
			}
			long up = counted * 10 - k[3] * 10 - k[2] * 3;
			return BigDecimal.valueOf(up)
				.multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(counted * 10), 3, RoundingMode.DOWN);
		}

		BigDecimal coverage(String bucket) {
			long[] k = this.buckets.get(bucket);
			long window = this.lengths.get(bucket);
			if (window <= 0) {
				return null;
			}
			long known = k[0] + k[1] + k[2] + k[3] + k[4];
			return BigDecimal.valueOf(known)
				.multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(window), 3, RoundingMode.DOWN);
		}

	}

}
