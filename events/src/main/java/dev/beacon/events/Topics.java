package dev.beacon.events;

/**
 * Kafka topic names. Every topic is keyed so that everything about one entity lands on
 * one partition, in order; the key is named next to each topic.
 */
public final class Topics {

	/**
	 * Compacted; key: application id. Value: {@link ApplicationDefined}, or a tombstone
	 * on delete.
	 */
	public static final String CATALOG = "beacon.catalog.v1";

	/** Key: component id. Value: {@link ObservationRecorded}. */
	public static final String OBSERVATIONS = "beacon.observations.v1";

	/** Key: component id. Value: {@link ComponentStatusChanged}. */
	public static final String STATUS_CHANGES = "beacon.status-changes.v1";

	/** Key: application id. Value: {@link IncidentChanged}. */
	public static final String INCIDENTS = "beacon.incidents.v1";

	/**
	 * Compacted; key: application id. Value: {@link PagePublished}, or a tombstone when
	 * the page is deleted or disabled. Every gateway replica reads it from the start.
	 * Also status-api's {@link PagesHeartbeat}, under the key {@link PagesHeartbeat#KEY}.
	 */
	public static final String PAGES = "beacon.pages.v1";

	private Topics() {
	}

}
