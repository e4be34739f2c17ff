package dev.beacon.gateway.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Whether the pages in memory are current, by status-api's heartbeats on
 * {@code beacon.pages.v1} (sent every second while it can read and write its database and
 * publish). Heartbeats older than {@code beacon.gateway.pages.stale-after} mean that
 * status-api, its database or the broker is down: the statuses the gateway holds may no
 * longer be true. Until a first heartbeat is read (a status-api without them) pages are
 * taken as current, but never before the topic was read up to where it ended when this
 * gateway started: until then a page may be an old version of itself.
 */
@Component
class PagesFreshness {

	private final Duration staleAfter;

	private final Clock clock = Clock.systemUTC();

	private volatile Instant lastHeartbeat;

	private volatile boolean loaded;

	PagesFreshness(PagesProperties properties) {
		this.staleAfter = properties.staleAfter();
	}

	/** A heartbeat status-api wrote at {@code writtenAt} (by its clock). */
	void heartbeat(Instant writtenAt) {
		Instant last = this.lastHeartbeat;
		if (last == null || writtenAt.isAfter(last)) {
			this.lastHeartbeat = writtenAt;
		}
	}

	/** The topic has been read up to where it ended at start-up. */
	void loaded() {
		this.loaded = true;
	}

	boolean isLoaded() {
		return this.loaded;
	}

	boolean current() {
		Instant last = this.lastHeartbeat;
		return this.loaded && (last == null || !this.clock.instant().isAfter(last.plus(this.staleAfter)));
	}

	/** When the pages were last known current; null before the first heartbeat. */
	Instant lastHeartbeat() {
		return this.lastHeartbeat;
	}

}
