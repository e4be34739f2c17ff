package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The outage episodes that the published observations of one component add up to, by
 * Beacon's rule: {@link MonitoredApplication#FAILURE_THRESHOLD} failed probes in a row
 * confirm an outage, one good probe ends it, an observation older than the newest one
 * applied is ignored; and by incident detection's: an outage that starts again within
 * {@link #HOLD} of the recovery (in observation time) continues the episode. Replayed in
 * the order the consumer sees them (partition offset): this is what status-api must
 * conclude, whatever failed while it did.
 */
final class OutageReplay {

	/** Detection's hold in this test ({@link ServiceProcessConfig#DETECTION_HOLD}). */
	static final Duration HOLD = Duration.parse("PT" + ServiceProcessConfig.DETECTION_HOLD.toUpperCase());

	private OutageReplay() {
	}

	/**
	 * @param episodes times the component entered outage
	 * @param endsOperational whether the last word was a good probe
	 */
	record Result(int episodes, boolean endsOperational) {
	}

	static Result of(List<TopicReader.Message> observations) {
		List<TopicReader.Message> ordered = observations.stream()
			.sorted(Comparator.comparingInt(TopicReader.Message::partition)
				.thenComparingLong(TopicReader.Message::offset))
			.toList();
		int episodes = 0;
		int failures = 0;
		boolean outage = false;
		boolean operational = false;
		Instant last = null;
		Instant recovered = null;
		Instant failingSince = null;
		for (TopicReader.Message message : ordered) {
			Instant observedAt = Instant.parse(message.value().path("observedAt").asString());
			if (last != null && observedAt.isBefore(last)) {
				continue;
			}
			last = observedAt;
			boolean failed = !message.value().path("error").isNull() && !message.value().path("error").isMissingNode()
					|| message.value().path("httpStatus").asInt(0) != 200;
			if (!failed) {
				if (outage) {
					recovered = observedAt;
				}
				failures = 0;
				outage = false;
				operational = true;
				continue;
			}
			failures++;
			if (failures == 1) {
				failingSince = observedAt;
			}
			if (!outage && failures >= MonitoredApplication.FAILURE_THRESHOLD) {
				outage = true;
				operational = false;
				boolean relapse = recovered != null && failingSince.isBefore(recovered.plus(HOLD));
				if (!relapse) {
					episodes++;
				}
			}
		}
		return new Result(episodes, operational);
	}

}
