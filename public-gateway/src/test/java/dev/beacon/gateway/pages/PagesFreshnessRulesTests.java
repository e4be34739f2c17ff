package dev.beacon.gateway.pages;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the gateway may say its pages are current: after reading the pages topic up to
 * where it ended at start-up (before that a page may be an old version of itself), and
 * while status-api's heartbeat is recent.
 */
class PagesFreshnessRulesTests {

	private final PagesFreshness freshness = new PagesFreshness(new PagesProperties("127.0.0.1:9092", "",
			URI.create("http://127.0.0.1:8080"), true, Duration.ofSeconds(10)));

	@Test
	void pagesReadBeforeTheTopicsEndAreNotCurrentEvenWithARecentHeartbeat() {
		this.freshness.heartbeat(Instant.now());
		assertThat(this.freshness.current()).isFalse();

		this.freshness.loaded();
		assertThat(this.freshness.current()).isTrue();
	}

	@Test
	void anOldHeartbeatMakesThePagesStale() {
		this.freshness.loaded();
		assertThat(this.freshness.current()).as("no heartbeat yet: a status-api without them").isTrue();

		this.freshness.heartbeat(Instant.now().minusSeconds(11));
		assertThat(this.freshness.current()).isFalse();
		this.freshness.heartbeat(Instant.now());
		assertThat(this.freshness.current()).isTrue();
	}

}
