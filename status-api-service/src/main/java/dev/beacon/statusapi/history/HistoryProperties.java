package dev.beacon.statusapi.history;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param rawRetention how long raw checks ({@code status_checks}) are kept: whole days,
 * dropped by partition
 * @param hourlyRetention how long hourly rollups are kept (at least the 7 days the
 * history API shows by the hour); daily rollups and intervals are kept
 * @param partitionsAhead how many days of partitions are made ahead of today
 * @param rollupInterval how often received checks are added to the rollups
 * @param rollupSettle checks received less than this long ago wait for the next roll-up
 * (a transaction that inserted them may not have committed yet)
 * @param rollupMaxSpan at most this much receive time is rolled up per run
 * @param maintenanceInterval how often partitions are made and dropped and old hours
 * purged
 * @param readCacheBuckets how many rollup buckets (hours and days) reads keep in memory
 * at most, to read an application's rollups again only when they changed (0: none kept)
 * @param readCacheTtl how long kept rollups are used at most before they are read again
 * even though nothing marked them changed
 */
@ConfigurationProperties("beacon.history")
@Validated
record HistoryProperties(@NotNull @DefaultValue("14d") Duration rawRetention,
		@NotNull @DefaultValue("8d") Duration hourlyRetention, @DefaultValue("3") int partitionsAhead,
		@NotNull @DefaultValue("30s") Duration rollupInterval, @NotNull @DefaultValue("10s") Duration rollupSettle,
		@NotNull @DefaultValue("5m") Duration rollupMaxSpan, @NotNull @DefaultValue("1h") Duration maintenanceInterval,
		@DefaultValue("200000") long readCacheBuckets, @NotNull @DefaultValue("10m") Duration readCacheTtl) {

	HistoryProperties {
		if (rawRetention.toDays() < 1) {
			throw new IllegalArgumentException("beacon.history.raw-retention must be at least 1d, was " + rawRetention);
		}
		if (hourlyRetention.compareTo(Duration.ofDays(7)) < 0) {
			throw new IllegalArgumentException(
					"beacon.history.hourly-retention must be at least 7d (the history API's 7d window), was "
							+ hourlyRetention);
		}
		if (readCacheBuckets < 0) {
			throw new IllegalArgumentException(
					"beacon.history.read-cache-buckets must be 0 or more, was " + readCacheBuckets);
		}
		if (partitionsAhead < 1) {
			throw new IllegalArgumentException("beacon.history.partitions-ahead must be at least 1");
		}
	}

}
