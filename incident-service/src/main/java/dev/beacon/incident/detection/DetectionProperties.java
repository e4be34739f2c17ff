package dev.beacon.incident.detection;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The timing rules of auto-detection ({@code beacon.incident.detection.*}).
 *
 * @param outageDebounce how long a component must be in outage before it opens or joins
 * an incident (0: at once — the collector's consecutive-failures rule is its debounce)
 * @param degradedDebounce how long a component must be continuously failing (degraded or
 * worse) before its degradation opens or joins an incident
 * @param hold how long every affected component must stay operational before a monitoring
 * incident resolves; a failure within it re-joins the same incident
 * @param unknownRelease how long an affected component may send no data ({@code unknown})
 * before it stops holding its incident open
 * @param sweepInterval how often the timers (debounce, hold, release) are checked
 */
@ConfigurationProperties("beacon.incident.detection")
@Validated
public record DetectionProperties(@NotNull @DefaultValue("0s") Duration outageDebounce,
		@NotNull @DefaultValue("60s") Duration degradedDebounce, @NotNull @DefaultValue("5m") Duration hold,
		@NotNull @DefaultValue("15m") Duration unknownRelease, @NotNull @DefaultValue("5s") Duration sweepInterval) {

	public DetectionProperties {
		requireNotNegative("outage-debounce", outageDebounce);
		requireNotNegative("degraded-debounce", degradedDebounce);
		requireNotNegative("hold", hold);
		requireNotNegative("unknown-release", unknownRelease);
		if (sweepInterval != null && (sweepInterval.isNegative() || sweepInterval.isZero())) {
			throw new IllegalArgumentException("beacon.incident.detection.sweep-interval must be positive");
		}
	}

	private static void requireNotNegative(String name, Duration value) {
		if (value != null && value.isNegative()) {
			throw new IllegalArgumentException("beacon.incident.detection." + name + " must not be negative");
		}
	}

}
