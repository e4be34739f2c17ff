package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.PagesHeartbeat;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import dev.beacon.outbox.Periodic;
import dev.beacon.statusapi.status.StalenessSweep;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Tells the gateway, every {@link PagesProperties#heartbeat()}, that the pages it holds
 * are current. The heartbeat goes through the outbox like the pages themselves, so it
 * arrives only while this service can write its database and publish: when it stops, the
 * gateway shows the statuses it holds as unknown rather than as true.
 * <p>
 * A heartbeat vouches for pages published before it, so the first one after a gap (this
 * service starting, the database coming back) follows a catch-up: the components whose
 * data went stale meanwhile are turned unknown and the pages that changed are published,
 * in the outbox ahead of the heartbeat. Without it the gateway would show the statuses of
 * before the gap as current until the next sweep.
 */
@Component
class Heartbeat extends Periodic {

	private final Outbox outbox;

	private final StalenessSweep sweep;

	private final PagePublisher publisher;

	private volatile boolean afterGap = true;

	Heartbeat(Outbox outbox, StalenessSweep sweep, PagePublisher publisher, PagesProperties properties) {
		super("Sending the pages heartbeat", properties.heartbeat(), properties.heartbeat());
		this.outbox = outbox;
		this.sweep = sweep;
		this.publisher = publisher;
	}

	@Override
	protected Mono<?> runOnce() {
		Mono<?> catchUp = this.afterGap ? this.sweep.sweep().then(this.publisher.publishDue()) : Mono.empty();
		return catchUp
			.then(Mono.defer(() -> this.outbox.append(Topics.PAGES, PagesHeartbeat.KEY,
					new PagesHeartbeat(UUID.randomUUID(), Instant.now()))))
			.doOnSuccess((sent) -> this.afterGap = false)
			.doOnError((failure) -> this.afterGap = true);
	}

}
