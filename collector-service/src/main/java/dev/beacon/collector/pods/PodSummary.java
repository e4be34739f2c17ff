package dev.beacon.collector.pods;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a component's pods look like now.
 *
 * @param ready pods ready
 * @param total pods that count (running, pending or failed; not completed or being
 * deleted)
 * @param restarts container restarts within the restart window
 * @param pods each pod, in name order
 */
record PodSummary(int ready, int total, int restarts, List<Pod> pods) {

	/** The {@code details} of the observation (see {@code ObservationRecorded}). */
	Map<String, Object> details(Duration restartWindow) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("restartWindowSeconds", restartWindow.toSeconds());
		details.put("pods", this.pods.stream().map(Pod::details).toList());
		return details;
	}

	/**
	 * One pod: its name, whether it is ready, its restarts within the window and why it
	 * is not well (null when it is).
	 */
	record Pod(String name, boolean ready, int restarts, String reason) {

		Map<String, Object> details() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", this.name);
			details.put("ready", this.ready);
			details.put("restarts", this.restarts);
			if (this.reason != null) {
				details.put("reason", this.reason);
			}
			return details;
		}

	}

}
