package dev.beacon.notifier.delivery.persistence;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.MigratedDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge of delivered deliveries against a real PostgreSQL, migrated like the service.
 */
class R2dbcDeliveriesPurgeTests {

	static DatabaseClient db;

	@BeforeAll
	static void migrate() {
		db = MigratedDatabase.client("notifier_purge");
	}

	@Test
	void purgesOnlyDeliveriesDeliveredLongerAgoThanTheRetentionInBatches() {
		UUID oldDelivered1 = insert("delivered", "40 days");
		UUID oldDelivered2 = insert("delivered", "31 days");
		UUID oldDelivered3 = insert("delivered", "35 days");
		UUID recentDelivered = insert("delivered", "1 day");
		UUID oldFailed = insert("failed", "40 days");
		UUID pending = insert("pending", "40 days");
		R2dbcDeliveries deliveries = new R2dbcDeliveries(db);

		// batches of two: the purge repeats until a batch deletes nothing
		long first = deliveries.purgeDelivered(Duration.ofDays(30), 2).block();
		long second = deliveries.purgeDelivered(Duration.ofDays(30), 2).block();
		long third = deliveries.purgeDelivered(Duration.ofDays(30), 2).block();

		assertThat(List.of(first, second, third)).containsExactly(2L, 1L, 0L);
		assertThat(exists(oldDelivered1) || exists(oldDelivered2) || exists(oldDelivered3)).isFalse();
		assertThat(exists(recentDelivered)).isTrue();
		assertThat(exists(oldFailed)).isTrue();
		assertThat(exists(pending)).isTrue();
	}

	private static UUID insert(String status, String age) {
		UUID id = UUID.randomUUID();
		db.sql("""
				INSERT INTO deliveries (id, application_id, subscriber_id, channel, event_id, event_type, payload,
				    status, created_at, updated_at, delivered_at)
				VALUES (:id, gen_random_uuid(), gen_random_uuid(), 'webhook', gen_random_uuid(), 'incident.opened',
				    '{}', :status, now() - CAST(:age AS interval), now() - CAST(:age AS interval),
				    CASE WHEN :status = 'delivered' THEN now() - CAST(:age AS interval) END)""")
			.bind("id", id)
			.bind("status", status)
			.bind("age", age)
			.then()
			.block();
		return id;
	}

	private static boolean exists(UUID id) {
		return db.sql("SELECT count(*) FROM deliveries WHERE id = :id")
			.bind("id", id)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block() == 1;
	}

}
