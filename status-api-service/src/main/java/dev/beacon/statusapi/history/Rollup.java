package dev.beacon.statusapi.history;

/**
 * One bucket (an hour or a day) of a component's history: time in each status, checks
 * received and their response times.
 */
public record Rollup(StatusTime time, long checks, ResponseTimes responses) {

	public static Rollup empty() {
		return new Rollup(StatusTime.NONE, 0, new ResponseTimes());
	}

	/** This bucket with {@code more} time added. */
	public Rollup plus(StatusTime more) {
		return new Rollup(this.time.plus(more), this.checks, this.responses);
	}

}
