package dev.beacon.notifier.subscriber.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.beacon.notifier.MigratedDatabase;
import dev.beacon.notifier.subscriber.Subscribers.IssuedToken;
import dev.beacon.notifier.subscriber.TokenPurpose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unsubscribe tokens minted together (a fan-out's mails) against a real PostgreSQL,
 * migrated like the service.
 */
class R2dbcSubscribersTokenTests {

	static DatabaseClient db;

	@BeforeAll
	static void migrate() {
		db = MigratedDatabase.client("notifier_tokens");
	}

	@Test
	void keepsEveryTokenMintedAtOnceAndRefusesOnlyTheOneOfARemovedSubscriber() {
		R2dbcSubscribers subscribers = new R2dbcSubscribers(db);
		UUID subscriber = UUID.randomUUID();
		db.sql("""
				INSERT INTO subscribers (id, application_id, type, target, confirmed_at)
				VALUES (:id, gen_random_uuid(), 'email', 'ops@example.com', now())""")
			.bind("id", subscriber)
			.then()
			.block();
		Instant expires = Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MILLIS);
		List<byte[]> hashes = IntStream.range(0, 30).mapToObj(R2dbcSubscribersTokenTests::hash).toList();
		byte[] orphan = hash(99);
		List<String> failed = new CopyOnWriteArrayList<>();

		Flux.fromIterable(hashes)
			.flatMap((hash) -> subscribers.saveToken(hash, subscriber, TokenPurpose.UNSUBSCRIBE, expires), 30)
			.mergeWith(subscribers.saveToken(orphan, UUID.randomUUID(), TokenPurpose.UNSUBSCRIBE, expires)
				.onErrorResume((ex) -> {
					failed.add("orphan");
					return Mono.empty();
				}))
			.blockLast(Duration.ofSeconds(30));

		for (byte[] hash : hashes) {
			assertThat(subscribers.findToken(hash, TokenPurpose.UNSUBSCRIBE).block())
				.isEqualTo(new IssuedToken(subscriber, expires));
		}
		assertThat(subscribers.findToken(orphan, TokenPurpose.UNSUBSCRIBE).block()).isNull();
		assertThat(failed).containsExactly("orphan");
	}

	private static byte[] hash(int n) {
		byte[] hash = new byte[32];
		hash[0] = (byte) n;
		hash[31] = 7;
		return hash;
	}

}
