package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the scenario did, when, and how long each part took to come back. */
final class FaultLog {

	private final List<Fault> faults = new ArrayList<>();

	synchronized Fault begin(String what) {
		Fault fault = new Fault(what, Instant.now());
		this.faults.add(fault);
		return fault;
	}

	synchronized List<Fault> faults() {
		return List.copyOf(this.faults);
	}

	/**
	 * One fault: {@code what} failed at {@code start}; it was back ({@code recovered}:
	 * restarted and ready) later, or never.
	 */
	static final class Fault {

		private final String what;

		private final Instant start;

		private volatile Instant recovered;

		Fault(String what, Instant start) {
			this.what = what;
			this.start = start;
		}

		void recovered() {
			this.recovered = Instant.now();
		}

		String what() {
			return this.what;
		}

		Instant start() {
			return this.start;
		}

		/** When it was back, or null. */
		Instant recoveredAt() {
			return this.recovered;
		}

		Duration downtime() {
			return (this.recovered != null) ? Duration.between(this.start, this.recovered) : null;
		}

	}

}
