package dev.beacon.notifier.subscriber.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.subscriber.Subscriber;
import dev.beacon.notifier.subscriber.Subscribers;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcSubscribers implements Subscribers {

	private final DatabaseClient database;

	R2dbcSubscribers(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Subscriber> insert(Subscriber subscriber) {
		return this.database
			.sql("INSERT INTO subscribers (id, application_id, type, target, secret, component_ids, created_at) "
					+ "VALUES (:id, :applicationId, :type, :target, :secret, :componentIds, :createdAt)")
			.bind("id", subscriber.id())
			.bind("applicationId", subscriber.applicationId())
			.bind("type", subscriber.type())
			.bind("target", subscriber.target())
			.bind("secret", subscriber.secret())
			.bind("componentIds", subscriber.componentIds().toArray(UUID[]::new))
			.bind("createdAt", subscriber.createdAt())
			.then()
			.thenReturn(subscriber);
	}

	@Override
	public Flux<Subscriber> findByApplication(UUID applicationId) {
		return this.database
			.sql("SELECT id, application_id, type, target, secret, component_ids, created_at FROM subscribers "
					+ "WHERE application_id = :applicationId ORDER BY created_at, id")
			.bind("applicationId", applicationId)
			.map(R2dbcSubscribers::toSubscriber)
			.all();
	}

	@Override
	public Mono<Boolean> delete(UUID applicationId, UUID subscriberId) {
		return this.database.sql("DELETE FROM subscribers WHERE application_id = :applicationId AND id = :id")
			.bind("applicationId", applicationId)
			.bind("id", subscriberId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	private static Subscriber toSubscriber(Readable row) {
		UUID[] components = row.get("component_ids", UUID[].class);
		return new Subscriber(row.get("id", UUID.class), row.get("application_id", UUID.class),
				row.get("type", String.class), row.get("target", String.class), row.get("secret", String.class),
				(components != null) ? List.of(components) : List.of(), row.get("created_at", Instant.class));
	}

}
