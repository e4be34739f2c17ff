package dev.beacon.incident.catalog.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.beacon.incident.catalog.ApplicationComponents;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

@Repository
class R2dbcApplicationComponents implements ApplicationComponents {

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	R2dbcApplicationComponents(DatabaseClient database, TransactionalOperator transactions) {
		this.database = database;
		this.transactions = transactions;
	}

	@Override
	public Mono<Void> define(UUID applicationId, Collection<UUID> componentIds, Instant definedAt) {
		Mono<Long> newer = this.database
			.sql("INSERT INTO catalog_applications (application_id, defined_at) VALUES (:app, :at) "
					+ "ON CONFLICT (application_id) DO UPDATE SET defined_at = excluded.defined_at "
					+ "WHERE catalog_applications.defined_at <= excluded.defined_at")
			.bind("app", applicationId)
			.bind("at", definedAt)
			.fetch()
			.rowsUpdated();
		Mono<Void> replace = this.database.sql("DELETE FROM catalog_components WHERE application_id = :app")
			.bind("app", applicationId)
			.fetch()
			.rowsUpdated()
			.thenMany(Flux.fromIterable(Set.copyOf(componentIds))
				.concatMap((componentId) -> this.database
					.sql("INSERT INTO catalog_components (application_id, component_id) VALUES (:app, :component)")
					.bind("app", applicationId)
					.bind("component", componentId)
					.fetch()
					.rowsUpdated()))
			.then();
		return this.transactions.transactional(newer.flatMap((rows) -> (rows > 0) ? replace : Mono.empty()));
	}

	@Override
	public Mono<Void> forget(UUID applicationId) {
		return this.database.sql("DELETE FROM catalog_applications WHERE application_id = :app")
			.bind("app", applicationId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	@Override
	public Mono<Set<UUID>> of(UUID applicationId) {
		return this.database.sql("SELECT component_id FROM catalog_components WHERE application_id = :app")
			.bind("app", applicationId)
			.map((row) -> row.get("component_id", UUID.class))
			.all()
			.collect(Collectors.toUnmodifiableSet());
	}

}
