package dev.beacon.statusapi.page;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.PagePublished;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import dev.beacon.outbox.Periodic;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Applications;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes each page's whole document on {@code beacon.pages.v1}, through the outbox, so
 * the gateway serves pages from memory. Database triggers note a change to a page in the
 * transaction that changes anything it shows (a row appended to {@code page_changes},
 * which the publisher drains into the pages' dirty marks) and notify
 * {@value #NOTIFICATION_CHANNEL} (V10, V25 and V27 migrations), which wakes the publisher
 * of every replica; it then publishes the dirty pages not published within
 * {@link PagesProperties#minInterval()}, and every page not published within
 * {@link PagesProperties#maxInterval()}, and wakes itself again when the next dirty page
 * falls due. Without a wake-up it looks every {@link PagesProperties#poll()} (a
 * notification missed while reconnecting, the republication of unchanged pages), and at
 * most once per {@link PagesProperties#tick()}. A deleted or disabled page is a
 * tombstone. Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the
 * work; the dirty mark is cleared in the transaction that appends the document, and a
 * change that commits meanwhile marks it again.
 */
@Component
class PagePublisher extends Periodic {

	static final int BATCH = 50;

	static final String NOTIFICATION_CHANNEL = "beacon_pages";

	private final DatabaseClient database;

	private final Applications applications;

	private final PublicPages pages;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final PagesProperties properties;

	PagePublisher(DatabaseClient database, Applications applications, PublicPages pages, Outbox outbox,
			TransactionalOperator transactions, PagesProperties properties) {
		super("Publishing pages", properties.tick(), properties.poll());
		this.database = database;
		this.applications = applications;
		this.pages = pages;
		this.outbox = outbox;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Override
	protected Mono<?> runOnce() {
		return publishDue().then(wakeWhenNextDue()).then(Mono.delay(this.properties.tick()));
	}

	/** A dirty page published within the min interval falls due at its end. */
	private Mono<Void> wakeWhenNextDue() {
		return this.database
			.sql("""
					SELECT CAST(1000 * extract(epoch FROM min(published_at) + make_interval(secs => :min) - now()) AS bigint)
					    AS wait_millis
					FROM page_publications WHERE dirty_since IS NOT NULL""")
			.bind("min", seconds(this.properties.minInterval()))
			.map((row) -> Optional.ofNullable(row.get("wait_millis", Long.class)))
			.one()
			.doOnNext((wait) -> wait.filter((millis) -> millis > 0)
				.ifPresent((millis) -> wakeAfter(Duration.ofMillis(millis))))
			.then();
	}

	/** Publishes every page that is due; emits how many. */
	Mono<Integer> publishDue() {
		return drainChanges()
			.then(batch().expand((published) -> (published == BATCH) ? batch() : Mono.empty()).reduce(0, Integer::sum));
	}

	/**
	 * Marks dirty the pages of the changes committed since the last look (the triggers
	 * append them to {@code page_changes}, so that marking never waits for a row lock); a
	 * change to an application deleted meanwhile is dropped.
	 */
	private Mono<Void> drainChanges() {
		return this.database.sql("""
				WITH drained AS (DELETE FROM page_changes RETURNING application_id, changed_at)
				INSERT INTO page_publications (application_id, dirty_since)
				SELECT d.application_id, min(d.changed_at) FROM drained d
				WHERE EXISTS (SELECT 1 FROM applications a WHERE a.id = d.application_id)
				GROUP BY d.application_id
				ON CONFLICT (application_id) DO UPDATE
				    SET dirty_since = coalesce(page_publications.dirty_since, excluded.dirty_since)""").then();
	}

	private Mono<Integer> batch() {
		Mono<Integer> batch = this.database.sql("""
				SELECT application_id, deleted FROM page_publications
				WHERE (dirty_since IS NOT NULL
				       AND (published_at IS NULL OR published_at <= now() - make_interval(secs => :min)))
				   OR published_at <= now() - make_interval(secs => :max)
				ORDER BY coalesce(dirty_since, published_at)
				LIMIT :batch FOR UPDATE SKIP LOCKED""")
			.bind("min", seconds(this.properties.minInterval()))
			.bind("max", seconds(this.properties.maxInterval()))
			.bind("batch", BATCH)
			.map((row) -> new Due(row.get("application_id", UUID.class), Boolean.TRUE.equals(row.get("deleted"))))
			.all()
			.collectList()
			.flatMap(this::publish);
		return this.transactions.transactional(batch);
	}

	private Mono<Integer> publish(List<Due> due) {
		return Flux.fromIterable(due).concatMap(this::publish).then(Mono.just(due.size()));
	}

	private Mono<Void> publish(Due due) {
		String key = due.applicationId().toString();
		if (due.deleted()) {
			return this.outbox.appendTombstone(Topics.PAGES, key)
				.then(this.database.sql("DELETE FROM page_publications WHERE application_id = :id")
					.bind("id", due.applicationId())
					.then());
		}
		Mono<Void> append = this.applications.findById(due.applicationId())
			.filter((application) -> application.page().enabled())
			.flatMap((application) -> this.pages.page(application)
				.flatMap((page) -> this.outbox.append(Topics.PAGES, key, published(application, page)))
				.thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> this.outbox.appendTombstone(Topics.PAGES, key).thenReturn(true)))
			.then();
		return append.then(this.database
			.sql("UPDATE page_publications SET published_at = now(), dirty_since = NULL WHERE application_id = :id")
			.bind("id", due.applicationId())
			.then());
	}

	private PagePublished published(Application application, PublicPage page) {
		List<String> hosts = new ArrayList<>();
		List<String> appHosts = new ArrayList<>();
		String domain = this.properties.appsDomain();
		if (!domain.isEmpty()) {
			hosts.add("status." + application.slug() + "." + domain);
			appHosts.add(application.slug() + "." + domain);
		}
		if (application.page().customDomain() != null) {
			hosts.add(application.page().customDomain());
		}
		return new PagePublished(UUID.randomUUID(), page.generatedAt(), application.id(), application.slug(),
				application.publicPage(), hosts, appHosts, page);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private record Due(UUID applicationId, boolean deleted) {
	}

}
