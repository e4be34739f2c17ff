package dev.beacon.systemtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

/**
 * Loopback HTTP targets whose health the test sets: {@code /target/{n}} answers 200 while
 * the target is up and 503 while it is down. Every change is kept with its time, so a
 * page seen at any moment can be judged against what was true.
 */
final class Targets {

	private final List<Target> targets = new ArrayList<>();

	Targets(HttpServer server, int count) {
		for (int n = 0; n < count; n++) {
			Target target = new Target(n);
			this.targets.add(target);
			server.createContext("/target/" + n, (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(target.up.get() ? 200 : 503, -1);
				exchange.close();
			});
		}
	}

	List<Target> all() {
		return this.targets;
	}

	Target get(int n) {
		return this.targets.get(n);
	}

	/** One target and the history of its health. */
	static final class Target {

		private final int number;

		private final AtomicBoolean up = new AtomicBoolean(true);

		private final List<Change> changes = new ArrayList<>();

		Target(int number) {
			this.number = number;
			this.changes.add(new Change(Instant.EPOCH, true));
		}

		int number() {
			return this.number;
		}

		synchronized void set(boolean healthy) {
			if (this.up.get() != healthy) {
				this.up.set(healthy);
				this.changes.add(new Change(Instant.now(), healthy));
			}
		}

		boolean up() {
			return this.up.get();
		}

		/** The moments the target went down, and up again (null while still down). */
		synchronized List<Outage> outages() {
			List<Outage> outages = new ArrayList<>();
			Instant downSince = null;
			for (Change change : this.changes) {
				if (!change.up() && downSince == null) {
					downSince = change.at();
				}
				else if (change.up() && downSince != null) {
					outages.add(new Outage(downSince, change.at()));
					downSince = null;
				}
			}
			if (downSince != null) {
				outages.add(new Outage(downSince, null));
			}
			return outages;
		}

		/** Whether the target was up for the whole of [from, to]. */
		boolean upThroughout(Instant from, Instant to) {
			return outages().stream().noneMatch((outage) -> outage.overlaps(from, to));
		}

		/** Whether the target was down for the whole of [from, to]. */
		boolean downThroughout(Instant from, Instant to) {
			return outages().stream().anyMatch((outage) -> outage.covers(from, to));
		}

	}

	record Change(Instant at, boolean up) {
	}

	/** A period the target was down; {@code to} is null while it lasts. */
	record Outage(Instant from, Instant to) {

		boolean overlaps(Instant start, Instant end) {
			return this.from.isBefore(end) && (this.to == null || this.to.isAfter(start));
		}

		boolean covers(Instant start, Instant end) {
			return !this.from.isAfter(start) && (this.to == null || !this.to.isBefore(end));
		}

	}

}
