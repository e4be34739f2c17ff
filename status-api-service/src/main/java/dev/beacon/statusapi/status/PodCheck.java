package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.beacon.events.ComponentStatus;

/**
 * One observation of a component's pods and what it says of the component (the seed's
 * table): all pods ready and none restarted within the collector's restart window →
 * operational; some pods not ready, or restarting → degraded ({@code partial}); no pod
 * ready, or no pod at all → outage.
 *
 * @param observedAt when the collector saw the pods so
 * @param ready pods ready
 * @param total pods that match the selector
 * @param restarts container restarts within the restart window
 * @param reasons the reason of each pod that has one ({@code CrashLoopBackOff},
 * {@code OOMKilled}, …), in pod order
 */
public record PodCheck(Instant observedAt, int ready, int total, int restarts, List<String> reasons) {

	/** The kind of degradation a pod problem is. */
	public static final String PARTIAL = "partial";

	public PodCheck {
		reasons = List.copyOf(reasons);
	}

	/**
	 * Reads an observation's counts and its details' per-pod reasons; a pod without a
	 * reason contributes none.
	 */
	public static PodCheck of(Instant observedAt, Integer ready, Integer total, Integer restarts,
			Map<String, Object> details) {
		List<String> reasons = List.of();
		if (details != null && details.get("pods") instanceof List<?> pods) {
			reasons = pods.stream()
				.filter(Map.class::isInstance)
				.map((pod) -> ((Map<?, ?>) pod).get("reason"))
				.filter(Objects::nonNull)
				.map(String::valueOf)
				.toList();
		}
		return new PodCheck(observedAt, Objects.requireNonNullElse(ready, 0), Objects.requireNonNullElse(total, 0),
				Objects.requireNonNullElse(restarts, 0), reasons);
	}

	public ComponentStatus verdict() {
		if (this.total == 0 || this.ready == 0) {
			return ComponentStatus.OUTAGE;
		}
		if (this.ready < this.total || this.restarts > 0) {
			return ComponentStatus.DEGRADED;
		}
		return ComponentStatus.OPERATIONAL;
	}

	/** {@link #PARTIAL} when degraded, null otherwise. */
	public String degradation() {
		return (verdict() == ComponentStatus.DEGRADED) ? PARTIAL : null;
	}

	/**
	 * Why: "1/3 pods ready: CrashLoopBackOff", "No pods running", "3/3 pods ready: 2
	 * restarts"; null when all is well.
	 */
	public String describe() {
		if (this.total == 0) {
			return "No pods running";
		}
		if (verdict() == ComponentStatus.OPERATIONAL) {
			return null;
		}
		String count = this.ready + "/" + this.total + " pods ready";
		if (!this.reasons.isEmpty()) {
			return count + ": " + summary();
		}
		if (this.restarts > 0) {
			return count + ": " + this.restarts + ((this.restarts == 1) ? " restart" : " restarts");
		}
		return count;
	}

	/**
	 * The reasons, most frequent first, each with its count when more than one pod has
	 * it.
	 */
	private String summary() {
		Map<String, Long> counts = this.reasons.stream()
			.collect(Collectors.groupingBy((reason) -> reason, LinkedHashMap::new, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> (entry.getValue() > 1) ? entry.getKey() + " ×" + entry.getValue() : entry.getKey())
			.collect(Collectors.joining(", "));
	}

}
