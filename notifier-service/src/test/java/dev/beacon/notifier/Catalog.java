package dev.beacon.notifier;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.Topics;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.testsupport.TestTopics;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Defines and deletes applications the way the status API does: on the catalog topic.
 */
public final class Catalog {

	static final JsonMapper json = JsonMapper.builder().build();

	private Catalog() {
	}

	/**
	 * An application with a public, enabled page and these components (named C1, C2…).
	 */
	public static ApplicationDefined application(UUID id, String slug, boolean publicPage, UUID... components) {
		List<ApplicationDefined.Component> defined = Stream.of(components)
			.map((component) -> new ApplicationDefined.Component(component, "Component " + component, null))
			.toList();
		return new ApplicationDefined(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), id, slug,
				"Page " + slug, publicPage, defined,
				new ApplicationDefined.Page(true, null, "UTC", null, true, true, List.of()), 1L);
	}

	/** Publishes the definition and waits until the notifier knows it. */
	public static void define(TestTopics topics, Applications applications, ApplicationDefined application) {
		topics.send(Topics.CATALOG, application.applicationId().toString(), json.writeValueAsString(application));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> applications.find(application.applicationId())
				.map((known) -> known.definedAt().equals(application.occurredAt()))
				.defaultIfEmpty(false)
				.block());
	}

	/** Publishes the tombstone of a deleted application. */
	public static void delete(TestTopics topics, UUID application) {
		topics.send(Topics.CATALOG, application.toString(), null);
	}

}
