package dev.beacon.statusapi.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import dev.beacon.statusapi.registry.MetricUnit;

/**
 * Writes a metric's value for a page: three significant digits below 1000, whole numbers
 * from there (never an exponent), large byte counts in KiB/MiB/GiB, and the unit's symbol
 * after it.
 */
final class MetricFormat {

	private static final String[] BINARY = { "B", "KiB", "MiB", "GiB", "TiB" };

	private MetricFormat() {
	}

	static String format(double value, MetricUnit unit) {
		if (unit == MetricUnit.BYTES || unit == MetricUnit.BYTES_PER_SECOND) {
			int power = 0;
			double scaled = value;
			while (Math.abs(scaled) >= 1024 && power < BINARY.length - 1) {
				scaled /= 1024;
				power++;
			}
			return number(scaled) + " " + BINARY[power] + ((unit == MetricUnit.BYTES_PER_SECOND) ? "/s" : "");
		}
		if (unit == null || unit == MetricUnit.COUNT) {
			return number(value);
		}
		return number(value) + ((unit == MetricUnit.PERCENT) ? "" : " ") + unit.symbol();
	}

	private static String number(double value) {
		BigDecimal exact = new BigDecimal(value);
		// from 1000 on, every integer digit is kept: 1235, not 1.24E3 or 1240
		BigDecimal rounded = (exact.abs().compareTo(BigDecimal.valueOf(1000)) >= 0)
				? exact.setScale(0, RoundingMode.HALF_UP) : exact.round(new MathContext(3, RoundingMode.HALF_UP));
		return rounded.stripTrailingZeros().toPlainString();
	}

}
