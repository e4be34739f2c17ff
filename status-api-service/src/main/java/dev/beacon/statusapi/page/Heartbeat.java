package dev.beacon.statusapi.page;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.PagesHeartbeat;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import dev.beacon.outbox.Periodic;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Tells the gateway, every {@link PagesProperties#heartbeat()}, that the pages it holds
 * are current. The heartbeat goes through the outbox like the pages themselves, so it
 * arrives only while this service can write its database and publish: when it stops, the
 * gateway shows the statuses it holds as unknown rather than as true.
 */
@Component
class Heartbeat extends Periodic {

	private final Outbox outbox;

	Heartbeat(Outbox outbox, PagesProperties properties) {
		super("Sending the pages heartbeat", properties.heartbeat(), properties.heartbeat());
		this.outbox = outbox;
	}

	@Override
	protected Mono<?> runOnce() {
		return this.outbox.append(Topics.PAGES, PagesHeartbeat.KEY,
				new PagesHeartbeat(UUID.randomUUID(), Instant.now()));
	}

}
