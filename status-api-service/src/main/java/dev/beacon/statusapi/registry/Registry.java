package dev.beacon.statusapi.registry;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Registers, changes and deletes applications. Every change publishes the application's
 * whole new definition on the catalog topic, and a delete a tombstone, through the outbox
 * in the same transaction.
 */
@Service
public class Registry {

	private final Applications applications;

	private final MetricQueries queries;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	Registry(Applications applications, MetricQueries queries, Outbox outbox, TransactionalOperator transactions) {
		this.applications = applications;
		this.queries = queries;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	public Mono<Application> register(UUID id, Definition definition) {
		Mono<Application> registration = Mono.fromSupplier(() -> Application.create(id, definition))
			.flatMap((application) -> checkQueries(application.queriesNotIn(PageSettings.defaults()))
				.then(this.applications.insert(application)))
			.flatMap(this::publish);
		return this.transactions.transactional(registration);
	}

	/**
	 * Changes the application to the definition {@code change} makes of its current
	 * state, if {@code precondition} admits its current version. A definition that
	 * changes nothing keeps the version and publishes nothing, so applying one twice is
	 * harmless.
	 */
	public Mono<Application> update(UUID id, Precondition precondition, Function<Application, Definition> change) {
		Mono<Application> update = this.applications.findForUpdate(id)
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(id)))
			.flatMap((current) -> {
				if (!precondition.admits(current.version())) {
					return Mono.error(new StaleVersionException(id, current.version()));
				}
				Application next = current.revisedBy(change.apply(current));
				if (next.sameDefinitionAs(current)) {
					return Mono.just(current);
				}
				Application saved = next.withVersion(current.version() + 1);
				return checkQueries(saved.queriesNotIn(current.page())).then(this.applications.update(saved))
					.flatMap(this::publish);
			});
		return this.transactions.transactional(update);
	}

	/**
	 * Deletes the application and publishes a tombstone for it, so that every consumer of
	 * the catalog forgets it and compaction drops its definitions.
	 */
	public Mono<Void> delete(UUID id, Precondition precondition) {
		Mono<Void> delete = this.applications.findForUpdate(id)
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(id)))
			.flatMap((current) -> {
				if (!precondition.admits(current.version())) {
					return Mono.error(new StaleVersionException(id, current.version()));
				}
				return this.applications.delete(id).then(this.outbox.appendTombstone(Topics.CATALOG, id.toString()));
			});
		return this.transactions.transactional(delete);
	}

	public Mono<Application> find(UUID id) {
		return this.applications.findById(id).switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(id)));
	}

	public Mono<Application> findBySlug(String slug) {
		return this.applications.findBySlug(slug)
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(slug)));
	}

	private Mono<Application> publish(Application application) {
		return this.outbox.append(Topics.CATALOG, application.id().toString(), application.defined())
			.thenReturn(application);
	}

	/** Asks Prometheus about each new query, in order; the first it refuses fails. */
	private Mono<Void> checkQueries(Map<Integer, String> newQueries) {
		return Flux.fromIterable(new TreeMap<>(newQueries).entrySet())
			.concatMap((query) -> this.queries.check(query.getValue())
				.onErrorMap(MetricQueries.QueryRefusedException.class,
						(ex) -> new InvalidApplicationException(field(query.getKey()), ex.getMessage()))
				.onErrorMap(
						(ex) -> ex instanceof MetricQueries.QueriesUncheckableException uncheckable
								&& !uncheckable.configured(),
						(ex) -> new InvalidApplicationException(field(query.getKey()),
								"cannot be checked: " + ex.getMessage())))
			.then();
	}

	private static String field(int metric) {
		return "page.metrics[" + metric + "].query";
	}

}
