package dev.beacon.notifier.catalog.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.catalog.Applications;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcApplications implements Applications {

	private static final TypeReference<List<Application.Component>> COMPONENTS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final JsonMapper json;

	R2dbcApplications(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	@Override
	public Mono<Void> define(Application application) {
		return this.database.sql("""
				INSERT INTO applications (id, slug, name, public_page, page_enabled, components, defined_at, updated_at)
				VALUES (:id, :slug, :name, :publicPage, :pageEnabled, :components, :definedAt, now())
				ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name,
				    public_page = EXCLUDED.public_page, page_enabled = EXCLUDED.page_enabled,
				    components = EXCLUDED.components, defined_at = EXCLUDED.defined_at, updated_at = now()
				WHERE applications.defined_at <= EXCLUDED.defined_at""")
			.bind("id", application.id())
			.bind("slug", application.slug())
			.bind("name", application.name())
			.bind("publicPage", application.publicPage())
			.bind("pageEnabled", application.pageEnabled())
			.bind("components", Json.of(this.json.writeValueAsString(application.components())))
			.bind("definedAt", application.definedAt())
			.then();
	}

	@Override
	public Mono<Void> forget(UUID applicationId) {
		return this.database.sql("DELETE FROM applications WHERE id = :id").bind("id", applicationId).then();
	}

	@Override
	public Mono<Application> find(UUID applicationId) {
		return this.database.sql("SELECT * FROM applications WHERE id = :id")
			.bind("id", applicationId)
			.map(this::toApplication)
			.one();
	}

	@Override
	public Mono<Application> findBySlug(String slug) {
		// slugs are unique in the registry; during a rename two rows may briefly share
		// one
		return this.database.sql("SELECT * FROM applications WHERE slug = :slug ORDER BY defined_at DESC LIMIT 1")
			.bind("slug", slug)
			.map(this::toApplication)
			.one();
	}

	private Application toApplication(Readable row) {
		Json components = row.get("components", Json.class);
		return new Application(row.get("id", UUID.class), row.get("slug", String.class), row.get("name", String.class),
				Boolean.TRUE.equals(row.get("public_page", Boolean.class)),
				Boolean.TRUE.equals(row.get("page_enabled", Boolean.class)),
				(components != null) ? this.json.readValue(components.asString(), COMPONENTS) : List.of(),
				row.get("defined_at", Instant.class));
	}

}
