package dev.beacon.notifier.delivery.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.MigratedDatabase;
import dev.beacon.notifier.delivery.ClaimedDelivery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes written in groups against a real PostgreSQL, migrated like the service: each
 * row still needs its own claim's token.
 */
class R2dbcDeliveriesOutcomeTests {

	static DatabaseClient db;

	@BeforeAll
	static void migrate() {
		db = MigratedDatabase.client("notifier_outcomes");
	}

	@Test
	void recordsDeliveriesEndedTogetherAsDeliveredOnlyUnderTheirOwnClaim() {
		R2dbcDeliveries deliveries = new R2dbcDeliveries(db);
		UUID app = UUID.randomUUID();
		for (int i = 0; i < 40; i++) {
			insertPending(app);
		}
		List<ClaimedDelivery> claimed = deliveries.claimDue(40, Duration.ofMinutes(2), UUID.randomUUID())
			.collectList()
			.block();
		assertThat(claimed).hasSize(40);
		ClaimedDelivery stale = claimed.get(0);
		List<ClaimedDelivery> ended = new ArrayList<>(claimed.subList(1, 40));

		// all at once: they are written in a few grouped statements, not 40
		Flux.fromIterable(ended)
			.flatMap((delivery) -> deliveries.delivered(delivery, (delivery.id().hashCode() % 2 == 0) ? 204 : null), 40)
			.concatWith(Mono.defer(() -> deliveries.delivered(withToken(stale, UUID.randomUUID()), 200)))
			.blockLast(Duration.ofSeconds(30));

		for (ClaimedDelivery delivery : ended) {
			assertThat(row(delivery.id())).isEqualTo(
					"delivered " + ((delivery.id().hashCode() % 2 == 0) ? "204" : "null") + " claim=null attempts=1");
		}
		// a token that is not the claim's changes nothing: the row is still claimed
		assertThat(row(stale.id())).isEqualTo("pending null claim=" + stale.claimToken() + " attempts=1");
	}

	private static ClaimedDelivery withToken(ClaimedDelivery delivery, UUID token) {
		return new ClaimedDelivery(delivery.id(), delivery.subscriberId(), delivery.channel(), delivery.eventType(),
				delivery.payload(), delivery.attempts(), delivery.createdAt(), delivery.target(), delivery.secret(),
				token);
	}

	private static void insertPending(UUID app) {
		db.sql("""
				INSERT INTO deliveries (id, application_id, subscriber_id, channel, event_id, event_type, payload,
				    status, attempts, next_attempt_at)
				VALUES (gen_random_uuid(), :app, gen_random_uuid(), 'webhook', gen_random_uuid(), 'incident.opened',
				    '{}', 'pending', 0, now())""").bind("app", app).then().block();
	}

	private static String row(UUID id) {
		return db.sql("SELECT status, last_http_status, claim_token, attempts FROM deliveries WHERE id = :id")
			.bind("id", id)
			.map((row) -> row.get("status", String.class) + " " + row.get("last_http_status", Integer.class) + " claim="
					+ row.get("claim_token", UUID.class) + " attempts=" + row.get("attempts", Integer.class))
			.one()
			.block();
	}

}
