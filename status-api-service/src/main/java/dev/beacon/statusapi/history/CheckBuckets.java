package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Raw checks counted into the buckets they belong to: the hour (UTC) and the day (in the
 * page's time zone) of when they were checked. Response times are kept only for checks
 * that got an answer.
 */
public final class CheckBuckets {

	private final Map<Hour, Counted> hours = new HashMap<>();

	private final Map<Day, Counted> days = new HashMap<>();

	public void add(UUID componentId, Instant checkedAt, Long responseMillis, ZoneId zone) {
		this.hours.computeIfAbsent(new Hour(componentId, Buckets.hourOf(checkedAt)), (key) -> new Counted())
			.add(responseMillis);
		this.days
			.computeIfAbsent(new Day(componentId, zone.getId(), LocalDate.ofInstant(checkedAt, zone)),
					(key) -> new Counted())
			.add(responseMillis);
	}

	public Map<Hour, Counted> hours() {
		return this.hours;
	}

	public Map<Day, Counted> days() {
		return this.days;
	}

	public record Hour(UUID componentId, Instant hour) {
	}

	public record Day(UUID componentId, String zone, LocalDate day) {
	}

	/** Checks counted into one bucket, with their response times. */
	public static final class Counted {

		private long checks;

		private final ResponseTimes responses = new ResponseTimes();

		public void add(Long responseMillis) {
			this.checks++;
			if (responseMillis != null) {
				this.responses.record(responseMillis);
			}
		}

		/** Adds a stored bucket's checks and response times (with its sketch). */
		public void add(long checks, ResponseTimes responses) {
			this.checks += checks;
			this.responses.add(responses);
		}

		public long checks() {
			return this.checks;
		}

		public ResponseTimes responses() {
			return this.responses;
		}

		/** These checks as a bucket of no status time. */
		public Rollup rollup() {
			return new Rollup(StatusTime.NONE, this.checks, this.responses.summary());
		}

	}

}
