package dev.beacon.statusapi.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * The units a page metric may be shown in, by the symbol a page writes after the value.
 */
public enum MetricUnit {

	MILLISECONDS("ms"), SECONDS("s"), PERCENT("%"), REQUESTS_PER_SECOND("req/s"), REQUESTS_PER_MINUTE("req/min"),
	ERRORS_PER_SECOND("errors/s"), OPERATIONS_PER_SECOND("ops/s"), BYTES("B"), BYTES_PER_SECOND("B/s"), COUNT("count");

	private final String symbol;

	MetricUnit(String symbol) {
		this.symbol = symbol;
	}

	public String symbol() {
		return this.symbol;
	}

	/** The unit written {@code symbol}, if there is one. */
	public static Optional<MetricUnit> of(String symbol) {
		return Arrays.stream(values()).filter((unit) -> unit.symbol.equals(symbol)).findFirst();
	}

	/** The symbols, for messages that say what is allowed. */
	public static String symbols() {
		return String.join(", ", Arrays.stream(values()).map(MetricUnit::symbol).toList());
	}

}
