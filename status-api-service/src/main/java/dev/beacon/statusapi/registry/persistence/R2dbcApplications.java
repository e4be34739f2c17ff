package dev.beacon.statusapi.registry.persistence;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.ApplicationConflictException;
import dev.beacon.statusapi.registry.Applications;
import dev.beacon.statusapi.registry.Component;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.RegisteredComponent;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcApplications implements Applications {

	private static final String COMPONENT_COLUMNS = "id, name, check_url, expected_status, interval_seconds, "
			+ "timeout_millis, latency_threshold_millis, failure_threshold";

	private final DatabaseClient database;

	R2dbcApplications(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Application> insert(Application application) {
		Mono<Long> row = this.database
			.sql("INSERT INTO applications (id, slug, name, public_page) VALUES (:id, :slug, :name, :public)")
			.bind("id", application.id())
			.bind("slug", application.slug())
			.bind("name", application.name())
			.bind("public", application.publicPage())
			.fetch()
			.rowsUpdated();
		Flux<Long> components = Flux.range(0, application.components().size())
			.concatMap(
					(position) -> insertComponent(application.id(), position, application.components().get(position)));
		return row.thenMany(components)
			.then(Mono.just(application))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> conflict(application, ex));
	}

	private Mono<Long> insertComponent(UUID applicationId, int position, Component component) {
		HttpCheck check = component.httpCheck();
		DatabaseClient.GenericExecuteSpec spec = this.database
			.sql("INSERT INTO components (id, application_id, name, position, check_url, expected_status, "
					+ "interval_seconds, timeout_millis, latency_threshold_millis, failure_threshold) "
					+ "VALUES (:id, :applicationId, :name, :position, :url, :expected, :interval, :timeout, :latency, :failures)")
			.bind("id", component.id())
			.bind("applicationId", applicationId)
			.bind("name", component.name())
			.bind("position", position);
		spec = (check != null)
				? spec.bind("url", check.url().toString())
					.bind("expected", check.expectedStatus())
					.bind("interval", check.intervalSeconds())
					.bind("timeout", check.timeoutMillis())
					.bind("latency", check.latencyThresholdMillis())
					.bind("failures", check.failureThreshold())
				: spec.bindNull("url", String.class)
					.bindNull("expected", Integer.class)
					.bindNull("interval", Integer.class)
					.bindNull("timeout", Integer.class)
					.bindNull("latency", Integer.class)
					.bindNull("failures", Integer.class);
		return spec.fetch().rowsUpdated();
	}

	private static ApplicationConflictException conflict(Application application, DataIntegrityViolationException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("applications_slug_key")) {
			return new ApplicationConflictException("slug", "The slug '" + application.slug() + "' is already taken");
		}
		if (message.contains("applications_pkey")) {
			return new ApplicationConflictException("id",
					"The application " + application.id() + " is already registered");
		}
		return new ApplicationConflictException("components", "A component id is already in use");
	}

	@Override
	public Mono<Application> findById(UUID id) {
		return find("id = :value", id);
	}

	@Override
	public Mono<Application> findBySlug(String slug) {
		return find("slug = :value", slug);
	}

	private Mono<Application> find(String condition, Object value) {
		return this.database.sql("SELECT id, slug, name, public_page FROM applications WHERE " + condition)
			.bind("value", value)
			.fetch()
			.one()
			.flatMap((row) -> components((UUID) row.get("id")).map((components) -> toApplication(row, components)));
	}

	@Override
	public Mono<RegisteredComponent> findComponent(UUID componentId) {
		return this.database.sql("SELECT " + COMPONENT_COLUMNS + ", application_id FROM components WHERE id = :id")
			.bind("id", componentId)
			.map((row) -> new RegisteredComponent(row.get("application_id", UUID.class), toComponent(row)))
			.one();
	}

	private Mono<List<Component>> components(UUID applicationId) {
		return this.database
			.sql("SELECT " + COMPONENT_COLUMNS + " FROM components WHERE application_id = :id ORDER BY position")
			.bind("id", applicationId)
			.map(R2dbcApplications::toComponent)
			.all()
			.collectList();
	}

	private static Application toApplication(Map<String, Object> row, List<Component> components) {
		return new Application((UUID) row.get("id"), (String) row.get("slug"), (String) row.get("name"),
				(Boolean) row.get("public_page"), components);
	}

	private static Component toComponent(Readable row) {
		String url = row.get("check_url", String.class);
		HttpCheck check = (url != null)
				? new HttpCheck(URI.create(url), row.get("expected_status", Integer.class),
						row.get("interval_seconds", Integer.class), row.get("timeout_millis", Integer.class),
						row.get("latency_threshold_millis", Integer.class), row.get("failure_threshold", Integer.class))
				: null;
		return new Component(row.get("id", UUID.class), row.get("name", String.class), check);
	}

}
