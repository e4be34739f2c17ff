package dev.beacon.statusapi.history;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Response times of a bucket: count, sum and maximum exactly, and an HdrHistogram sketch
 * (two significant digits) for the percentiles, which merges without loss: a day's p95 is
 * the p95 of all its checks, never an average of the hours'.
 */
public final class ResponseTimes {

	/**
	 * The largest response time the sketch tells apart; longer ones count as this long.
	 */
	static final long HIGHEST_TRACKABLE_MILLIS = 3_600_000;

	static final int SIGNIFICANT_DIGITS = 2;

	private long count;

	private long sumMillis;

	private long maxMillis = -1;

	private final Histogram sketch;

	public ResponseTimes() {
		this(0, 0, -1, newSketch());
	}

	private ResponseTimes(long count, long sumMillis, long maxMillis, Histogram sketch) {
		this.count = count;
		this.sumMillis = sumMillis;
		this.maxMillis = maxMillis;
		this.sketch = sketch;
	}

	private static Histogram newSketch() {
		return new Histogram(1, HIGHEST_TRACKABLE_MILLIS, SIGNIFICANT_DIGITS);
	}

	/** Response times as stored: {@code sketch} is null when {@code count} is 0. */
	public static ResponseTimes of(long count, long sumMillis, Long maxMillis, byte[] sketch) {
		if (count == 0 || sketch == null) {
			return new ResponseTimes();
		}
		try {
			Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(sketch), 1);
			Histogram copy = newSketch();
			copy.add(decoded);
			return new ResponseTimes(count, sumMillis, (maxMillis != null) ? maxMillis : -1, copy);
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException("A stored response-time sketch cannot be read", ex);
		}
	}

	public void record(long millis) {
		long value = Math.max(0, millis);
		this.count++;
		this.sumMillis += value;
		this.maxMillis = Math.max(this.maxMillis, value);
		this.sketch.recordValue(Math.min(Math.max(1, value), HIGHEST_TRACKABLE_MILLIS));
	}

	public void add(ResponseTimes other) {
		if (other.count == 0) {
			return;
		}
		this.count += other.count;
		this.sumMillis += other.sumMillis;
		this.maxMillis = Math.max(this.maxMillis, other.maxMillis);
		this.sketch.add(other.sketch);
	}

	public long count() {
		return this.count;
	}

	public long sumMillis() {
		return this.sumMillis;
	}

	/** The longest response time, or null without any. */
	public Long maxMillis() {
		return (this.count > 0) ? this.maxMillis : null;
	}

	/** The mean, rounded to the millisecond; null without any. */
	public Long meanMillis() {
		return (this.count > 0) ? Math.round((double) this.sumMillis / this.count) : null;
	}

	/**
	 * The response time {@code percentile} percent of the checks did not exceed, within
	 * 1% (the sketch's precision), never above the maximum; null without any.
	 */
	public Long percentileMillis(double percentile) {
		if (this.count == 0) {
			return null;
		}
		return Math.min(this.sketch.getValueAtPercentile(percentile), this.maxMillis);
	}

	/** The figures a bucket shows, the percentiles read from the sketch now. */
	public ResponseSummary summary() {
		if (this.count == 0) {
			return ResponseSummary.NONE;
		}
		return new ResponseSummary(this.count, this.sumMillis, maxMillis(), percentileMillis(50), percentileMillis(95));
	}

	/** The sketch, compressed for storage; null without any response time. */
	public byte[] encodedSketch() {
		if (this.count == 0) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.allocate(this.sketch.getNeededByteBufferCapacity());
		int length = this.sketch.encodeIntoCompressedByteBuffer(buffer);
		byte[] bytes = new byte[length];
		buffer.flip();
		buffer.get(bytes);
		return bytes;
	}

}
