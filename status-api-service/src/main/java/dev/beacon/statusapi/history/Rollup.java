package dev.beacon.statusapi.history;

/**
 * One bucket (an hour or a day) of a component's history: time in each status, checks
 * received and their response times (as shown: no sketch).
 */
public record Rollup(StatusTime time, long checks, ResponseSummary responses) {

	private static final Rollup EMPTY = new Rollup(StatusTime.NONE, 0, ResponseSummary.NONE);

	public static Rollup empty() {
		return EMPTY;
	}

	/** This bucket with {@code more} time added. */
	public Rollup plus(StatusTime more) {
		return new Rollup(this.time.plus(more), this.checks, this.responses);
	}

}
