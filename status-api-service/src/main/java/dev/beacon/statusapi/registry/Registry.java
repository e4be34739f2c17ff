package dev.beacon.statusapi.registry;

import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Registers applications and publishes each definition on the catalog topic, through the
 * outbox.
 */
@Service
public class Registry {

	private final Applications applications;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	Registry(Applications applications, Outbox outbox, TransactionalOperator transactions) {
		this.applications = applications;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	public Mono<Application> register(Application application) {
		Mono<Application> registration = this.applications.insert(application)
			.flatMap((saved) -> this.outbox.append(Topics.CATALOG, saved.id().toString(), saved.defined())
				.thenReturn(saved));
		return this.transactions.transactional(registration);
	}

	public Mono<Application> find(UUID id) {
		return this.applications.findById(id).switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(id)));
	}

	public Mono<Application> findBySlug(String slug) {
		return this.applications.findBySlug(slug)
			.switchIfEmpty(Mono.error(() -> new ApplicationNotFoundException(slug)));
	}

}
