package dev.beacon.statusapi.history;

/**
 * What a page and the history API show of a bucket's response times: count, sum and
 * maximum exactly, and the p50 and p95 its sketch gave when the bucket was last written.
 * Stored as plain columns beside the sketch, so that reading a bucket decodes no sketch;
 * only merging buckets (a day rebuilt from hours) needs {@link ResponseTimes}.
 *
 * @param count response times counted
 * @param sumMillis their sum
 * @param maxMillis the longest, null without any
 * @param p50Millis the median (within the sketch's 1%), null without any
 * @param p95Millis the 95th percentile (within the sketch's 1%), null without any
 */
public record ResponseSummary(long count, long sumMillis, Long maxMillis, Long p50Millis, Long p95Millis) {

	public static final ResponseSummary NONE = new ResponseSummary(0, 0, null, null, null);

	/** The mean, rounded to the millisecond; null without any. */
	public Long meanMillis() {
		return (this.count > 0) ? Math.round((double) this.sumMillis / this.count) : null;
	}

}
