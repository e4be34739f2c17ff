package dev.beacon.incident.detection;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Detection's persisted timers, one pair per application: so a restart neither loses a
 * debounce or hold nor runs it twice.
 */
public interface DetectionTimers {

	/** The application's timers; {@link Timer#NONE} when it has none. */
	Mono<Timer> find(UUID applicationId);

	/** Replaces the application's timers ({@link Timer#NONE} removes them). */
	Mono<Void> save(UUID applicationId, Timer timer);

	/**
	 * Applications whose {@code dueAt} is not after {@code now}, the most overdue first.
	 */
	Flux<UUID> due(Instant now, int limit);

	/**
	 * When detection must look at the application again ({@code dueAt}), and when the
	 * hold of its monitoring incident ends ({@code holdUntil}); either may be null.
	 */
	record Timer(Instant dueAt, Instant holdUntil) {

		public static final Timer NONE = new Timer(null, null);

	}

}
