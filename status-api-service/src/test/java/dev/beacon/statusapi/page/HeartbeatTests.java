package dev.beacon.statusapi.page;

import java.time.Duration;

import dev.beacon.events.PagesHeartbeat;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import dev.beacon.statusapi.status.StalenessSweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The first heartbeat after a gap vouches only for pages brought up to date first; the
 * sweep, the publisher and the outbox are the database's, stood in for here.
 */
class HeartbeatTests {

	private final Outbox outbox = mock(Outbox.class);

	private final StalenessSweep sweep = mock(StalenessSweep.class);

	private final PagePublisher publisher = mock(PagePublisher.class);

	private final Heartbeat heartbeat = new Heartbeat(this.outbox, this.sweep, this.publisher,
			new PagesProperties("", Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(200),
					Duration.ofSeconds(5), Duration.ofSeconds(1)));

	@BeforeEach
	void collaborators() {
		when(this.sweep.sweep()).thenReturn(Mono.just(2));
		when(this.publisher.publishDue()).thenReturn(Mono.just(1));
		when(this.outbox.append(eq(Topics.PAGES), eq(PagesHeartbeat.KEY), any())).thenReturn(Mono.empty());
	}

	@Test
	void theFirstHeartbeatFollowsASweepAndThePublicationOfTheChangedPages() {
		this.heartbeat.runOnce().block();

		InOrder order = inOrder(this.sweep, this.publisher, this.outbox);
		order.verify(this.sweep).sweep();
		order.verify(this.publisher).publishDue();
		order.verify(this.outbox).append(eq(Topics.PAGES), eq(PagesHeartbeat.KEY), any());
	}

	@Test
	void heartbeatsWithoutAGapAreSentAlone() {
		this.heartbeat.runOnce().block();
		this.heartbeat.runOnce().block();

		verify(this.sweep).sweep();
		verify(this.publisher).publishDue();
	}

	@Test
	void aHeartbeatThatCouldNotBeSentMakesTheNextOneCatchUpFirst() {
		this.heartbeat.runOnce().block();
		when(this.outbox.append(eq(Topics.PAGES), eq(PagesHeartbeat.KEY), any()))
			.thenReturn(Mono.error(new DataAccessResourceFailureException("database down")));
		assertThatThrownBy(() -> this.heartbeat.runOnce().block())
			.isInstanceOf(DataAccessResourceFailureException.class);

		when(this.outbox.append(eq(Topics.PAGES), eq(PagesHeartbeat.KEY), any())).thenReturn(Mono.empty());
		this.heartbeat.runOnce().block();
		verify(this.sweep, times(2)).sweep();
	}

	@Test
	void aCatchUpThatFailsSendsNoHeartbeat() {
		when(this.sweep.sweep()).thenReturn(Mono.error(new DataAccessResourceFailureException("database down")));

		assertThatThrownBy(() -> this.heartbeat.runOnce().block())
			.isInstanceOf(DataAccessResourceFailureException.class);
		verify(this.outbox, never()).append(any(), any(), any());
	}

}
