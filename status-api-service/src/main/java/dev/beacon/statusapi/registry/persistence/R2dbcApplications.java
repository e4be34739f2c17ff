package dev.beacon.statusapi.registry.persistence;

import java.net.URI;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.ApplicationConflictException;
import dev.beacon.statusapi.registry.Applications;
import dev.beacon.statusapi.registry.Component;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;
import dev.beacon.statusapi.registry.MetricUnit;
import dev.beacon.statusapi.registry.PageMetric;
import dev.beacon.statusapi.registry.PageSettings;
import dev.beacon.statusapi.registry.RegisteredComponent;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcApplications implements Applications {

	private static final String APPLICATION_COLUMNS = "id, slug, name, public_page, version, page_enabled, "
			+ "custom_domain, time_zone, description, show_uptime, show_response_times";

	private static final String COMPONENT_COLUMNS = "id, name, group_name, check_url, expected_status, "
			+ "interval_seconds, timeout_millis, latency_threshold_millis, failure_threshold, check_method, "
			+ "check_headers::text AS check_headers, expected_statuses, body_contains, k8s_namespace, "
			+ "k8s_label_selector, k8s_interval_seconds";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DatabaseClient database;

	R2dbcApplications(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Application> insert(Application application) {
		Mono<Long> row = bindApplication(this.database.sql("""
				INSERT INTO applications (id, slug, name, public_page, version, page_enabled, custom_domain,
				    time_zone, description, show_uptime, show_response_times)
				VALUES (:id, :slug, :name, :public, :version, :enabled, :domain, :zone, :description, :uptime,
				    :responseTimes)"""), application).fetch().rowsUpdated();
		return row.thenMany(saveComponents(application))
			.thenMany(saveMetrics(application))
			.then(Mono.just(application))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> conflict(application, ex));
	}

	@Override
	public Mono<Application> update(Application application) {
		Mono<Long> row = bindApplication(this.database.sql("""
				UPDATE applications SET slug = :slug, name = :name, public_page = :public, version = :version,
				    page_enabled = :enabled, custom_domain = :domain, time_zone = :zone, description = :description,
				    show_uptime = :uptime, show_response_times = :responseTimes, updated_at = now()
				WHERE id = :id"""), application).fetch().rowsUpdated();
		UUID[] kept = application.components().stream().map(Component::id).toArray(UUID[]::new);
		Mono<Long> removed = this.database.sql("DELETE FROM components WHERE application_id = :id AND id <> ALL(:kept)")
			.bind("id", application.id())
			.bind("kept", kept)
			.fetch()
			.rowsUpdated();
		Mono<Long> metricsCleared = this.database.sql("DELETE FROM page_metrics WHERE application_id = :id")
			.bind("id", application.id())
			.fetch()
			.rowsUpdated();
		return row.then(removed)
			.thenMany(saveComponents(application))
			.then(metricsCleared)
			.thenMany(saveMetrics(application))
			.then(Mono.just(application))
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> conflict(application, ex));
	}

	@Override
	public Mono<Boolean> delete(UUID id) {
		Mono<Long> incidents = this.database.sql("DELETE FROM page_incidents WHERE application_id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated();
		// components, their status and the page's metrics go with the row (ON DELETE
		// CASCADE)
		Mono<Long> application = this.database.sql("DELETE FROM applications WHERE id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated();
		return incidents.then(application).map((rows) -> rows > 0);
	}

	private static DatabaseClient.GenericExecuteSpec bindApplication(DatabaseClient.GenericExecuteSpec spec,
			Application application) {
		PageSettings page = application.page();
		spec = spec.bind("id", application.id())
			.bind("slug", application.slug())
			.bind("name", application.name())
			.bind("public", application.publicPage())
			.bind("version", application.version())
			.bind("enabled", page.enabled())
			.bind("zone", page.timeZone())
			.bind("uptime", page.showUptime())
			.bind("responseTimes", page.showResponseTimes());
		spec = (page.customDomain() != null) ? spec.bind("domain", page.customDomain())
				: spec.bindNull("domain", String.class);
		return (page.description() != null) ? spec.bind("description", page.description())
				: spec.bindNull("description", String.class);
	}

	private Flux<Long> saveComponents(Application application) {
		return Flux.range(0, application.components().size())
			.concatMap((position) -> saveComponent(application.id(), position, application.components().get(position)));
	}

	/**
	 * Inserts the component, or changes it in place when it exists (the registry only
	 * keeps ids of the application's own components), keeping its status.
	 */
	private Mono<Long> saveComponent(UUID applicationId, int position, Component component) {
		HttpCheck check = component.httpCheck();
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				INSERT INTO components (id, application_id, name, group_name, position, check_url, expected_status,
				    interval_seconds, timeout_millis, latency_threshold_millis, failure_threshold, check_method,
				    check_headers, expected_statuses, body_contains, k8s_namespace, k8s_label_selector,
				    k8s_interval_seconds)
				VALUES (:id, :applicationId, :name, :group, :position, :url, :expected, :interval, :timeout, :latency,
				    :failures, :method, CAST(:headers AS jsonb), :statuses, :body, :namespace, :selector, :podInterval)
				ON CONFLICT (id) DO UPDATE SET name = excluded.name, group_name = excluded.group_name,
				    position = excluded.position, check_url = excluded.check_url,
				    expected_status = excluded.expected_status, interval_seconds = excluded.interval_seconds,
				    timeout_millis = excluded.timeout_millis,
				    latency_threshold_millis = excluded.latency_threshold_millis,
				    failure_threshold = excluded.failure_threshold, check_method = excluded.check_method,
				    check_headers = excluded.check_headers, expected_statuses = excluded.expected_statuses,
				    body_contains = excluded.body_contains, k8s_namespace = excluded.k8s_namespace,
				    k8s_label_selector = excluded.k8s_label_selector,
				    k8s_interval_seconds = excluded.k8s_interval_seconds
				WHERE components.application_id = excluded.application_id""")
			.bind("id", component.id())
			.bind("applicationId", applicationId)
			.bind("name", component.name())
			.bind("position", position);
		spec = (component.group() != null) ? spec.bind("group", component.group())
				: spec.bindNull("group", String.class);
		spec = (check != null)
				? spec.bind("url", check.url().toString())
					.bind("expected", check.expectedStatus())
					.bind("interval", check.intervalSeconds())
					.bind("timeout", check.timeoutMillis())
					.bind("latency", check.latencyThresholdMillis())
					.bind("failures", check.failureThreshold())
					.bind("method", check.method())
					.bind("headers", json.writeValueAsString(check.headers()))
					.bind("statuses", check.expectedStatuses().toArray(Integer[]::new))
				: spec.bindNull("url", String.class)
					.bindNull("expected", Integer.class)
					.bindNull("interval", Integer.class)
					.bindNull("timeout", Integer.class)
					.bindNull("latency", Integer.class)
					.bindNull("failures", Integer.class)
					.bindNull("method", String.class)
					.bindNull("headers", String.class)
					.bindNull("statuses", Integer[].class);
		spec = (check != null && check.bodyContains() != null) ? spec.bind("body", check.bodyContains())
				: spec.bindNull("body", String.class);
		KubernetesSource pods = component.kubernetes();
		spec = (pods != null)
				? spec.bind("namespace", pods.namespace())
					.bind("selector", pods.labelSelector())
					.bind("podInterval", pods.intervalSeconds())
				: spec.bindNull("namespace", String.class)
					.bindNull("selector", String.class)
					.bindNull("podInterval", Integer.class);
		return spec.fetch().rowsUpdated();
	}

	private Flux<Long> saveMetrics(Application application) {
		List<PageMetric> metrics = application.page().metrics();
		return Flux.range(0, metrics.size()).concatMap((position) -> {
			PageMetric metric = metrics.get(position);
			DatabaseClient.GenericExecuteSpec spec = this.database
				.sql("INSERT INTO page_metrics (application_id, position, name, query, unit) "
						+ "VALUES (:id, :position, :name, :query, :unit)")
				.bind("id", application.id())
				.bind("position", position)
				.bind("name", metric.name())
				.bind("query", metric.query());
			spec = (metric.unit() != null) ? spec.bind("unit", metric.unit().symbol())
					: spec.bindNull("unit", String.class);
			return spec.fetch().rowsUpdated();
		});
	}

	private static ApplicationConflictException conflict(Application application, DataIntegrityViolationException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("applications_slug_key")) {
			return new ApplicationConflictException("slug", "The slug '" + application.slug() + "' is already taken");
		}
		if (message.contains("applications_custom_domain_key")) {
			return new ApplicationConflictException("page.customDomain",
					"The domain '" + application.page().customDomain() + "' already serves another page");
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
	public Mono<Application> findForUpdate(UUID id) {
		return find("id = :value FOR UPDATE", id);
	}

	@Override
	public Mono<Application> findBySlug(String slug) {
		return find("slug = :value", slug);
	}

	private Mono<Application> find(String condition, Object value) {
		return this.database.sql("SELECT " + APPLICATION_COLUMNS + " FROM applications WHERE " + condition)
			.bind("value", value)
			.map(ApplicationRow::of)
			.one()
			.flatMap((row) -> Mono.zip(components(row.id()), metrics(row.id()), row::toApplication));
	}

	@Override
	public Mono<Map<UUID, RegisteredComponent>> findComponents(Collection<UUID> componentIds) {
		if (componentIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT " + COMPONENT_COLUMNS + ", application_id FROM components WHERE id = ANY(:ids)")
			.bind("ids", componentIds.toArray(UUID[]::new))
			.map((row) -> new RegisteredComponent(row.get("application_id", UUID.class), toComponent(row)))
			.all()
			.collectMap((registered) -> registered.component().id());
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

	private Mono<List<PageMetric>> metrics(UUID applicationId) {
		return this.database
			.sql("SELECT name, query, unit FROM page_metrics WHERE application_id = :id ORDER BY position")
			.bind("id", applicationId)
			.map((row) -> new PageMetric(row.get("name", String.class), row.get("query", String.class),
					MetricUnit.of(row.get("unit", String.class)).orElse(null)))
			.all()
			.collectList();
	}

	private static Component toComponent(Readable row) {
		String url = row.get("check_url", String.class);
		HttpCheck check = (url != null)
				? new HttpCheck(URI.create(url), row.get("expected_status", Integer.class),
						row.get("interval_seconds", Integer.class), row.get("timeout_millis", Integer.class),
						row.get("latency_threshold_millis", Integer.class), row.get("failure_threshold", Integer.class),
						row.get("check_method", String.class), headers(row.get("check_headers", String.class)),
						statuses(row.get("expected_statuses", Integer[].class)), row.get("body_contains", String.class))
				: null;
		String namespace = row.get("k8s_namespace", String.class);
		KubernetesSource pods = (namespace != null) ? new KubernetesSource(namespace,
				row.get("k8s_label_selector", String.class), row.get("k8s_interval_seconds", Integer.class)) : null;
		return new Component(row.get("id", UUID.class), row.get("name", String.class),
				row.get("group_name", String.class), check, pods);
	}

	private static Map<String, String> headers(String text) {
		return (text != null) ? json.readValue(text, new TypeReference<Map<String, String>>() {
		}) : null;
	}

	private static List<Integer> statuses(Integer[] statuses) {
		return (statuses != null) ? Arrays.asList(statuses) : null;
	}

	private record ApplicationRow(UUID id, String slug, String name, boolean publicPage, long version, boolean enabled,
			String customDomain, String timeZone, String description, boolean showUptime, boolean showResponseTimes) {

		static ApplicationRow of(Readable row) {
			return new ApplicationRow(row.get("id", UUID.class), row.get("slug", String.class),
					row.get("name", String.class), row.get("public_page", Boolean.class),
					row.get("version", Long.class), row.get("page_enabled", Boolean.class),
					row.get("custom_domain", String.class), row.get("time_zone", String.class),
					row.get("description", String.class), row.get("show_uptime", Boolean.class),
					row.get("show_response_times", Boolean.class));
		}

		Application toApplication(List<Component> components, List<PageMetric> metrics) {
			return new Application(this.id, this.slug, this.name, this.publicPage, components,
					new PageSettings(this.enabled, this.customDomain, this.timeZone, this.description, this.showUptime,
							this.showResponseTimes, metrics),
					this.version);
		}

	}

}
