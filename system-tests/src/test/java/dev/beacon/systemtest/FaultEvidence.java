package dev.beacon.systemtest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What the run left behind, read after it: the topics as the broker keeps them (every
 * observation, every incident event, every dead letter) and the services' tables, read
 * directly with JDBC.
 *
 * @param observations every record on {@code beacon.observations.v1}
 * @param incidentEvents every record on {@code beacon.incidents.v1}
 * @param deadLetters records per dead-letter topic ({@code error.<topic>.<group>})
 * @param storedChecks the event ids in status-api's {@code status_checks}
 * @param storedCheckRows the rows of {@code status_checks}
 * @param incidents the incidents in incident-service's database
 * @param deliveries notifier's deliveries by status
 * @param outboxBacklog rows left in each service's outbox
 */
record FaultEvidence(List<TopicReader.Message> observations, List<TopicReader.Message> incidentEvents,
		Map<String, Long> deadLetters, Set<UUID> storedChecks, long storedCheckRows, List<IncidentRow> incidents,
		Map<String, Long> deliveries, Map<String, Long> outboxBacklog) {

	static final String OBSERVATIONS = "beacon.observations.v1";

	static final String INCIDENTS = "beacon.incidents.v1";

	static FaultEvidence collect(FaultRig rig) throws Exception {
		String kafka = rig.kafka().bootstrapServers();
		List<TopicReader.Message> observations = TopicReader.readAll(kafka, OBSERVATIONS);
		List<TopicReader.Message> incidentEvents = TopicReader.readAll(kafka, INCIDENTS);
		Map<String, Long> deadLetters = new LinkedHashMap<>();
		for (String topic : deadLetterTopics(kafka)) {
			deadLetters.put(topic, (long) TopicReader.readAll(kafka, topic).size());
		}
		Set<UUID> stored = storedChecks(rig.postgres());
		long rows;
		try (Connection db = rig.postgres().connect("status_api")) {
			rows = count(db, "SELECT count(*) FROM status_checks");
		}
		List<IncidentRow> incidents = new ArrayList<>();
		try (Connection db = rig.postgres().connect("incident");
				Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT id, application_id, status, source, started_at, resolved_at FROM incidents ORDER BY started_at")) {
			while (rs.next()) {
				incidents.add(new IncidentRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getTimestamp(5).toInstant(),
						(rs.getTimestamp(6) != null) ? rs.getTimestamp(6).toInstant() : null));
			}
		}
		Map<String, Long> deliveries = new LinkedHashMap<>();
		try (Connection db = rig.postgres().connect("notifier");
				Statement statement = db.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT status, count(*) FROM deliveries GROUP BY status ORDER BY status")) {
			while (rs.next()) {
				deliveries.put(rs.getString(1), rs.getLong(2));
			}
		}
		Map<String, Long> outbox = new LinkedHashMap<>();
		for (String database : List.of("status_api", "incident")) {
			try (Connection db = rig.postgres().connect(database)) {
				outbox.put(database, count(db, "SELECT count(*) FROM outbox"));
			}
		}
		return new FaultEvidence(observations, incidentEvents, deadLetters, stored, rows, incidents, deliveries,
				outbox);
	}

	static Set<UUID> storedChecks(RestartablePostgres postgres) throws SQLException {
		Set<UUID> ids = new HashSet<>();
		try (Connection db = postgres.connect("status_api");
				Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("SELECT event_id FROM status_checks")) {
			while (rs.next()) {
				ids.add(rs.getObject(1, UUID.class));
			}
		}
		return ids;
	}

	private static long count(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static List<String> deadLetterTopics(String kafka) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			return admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.startsWith("error.") || name.endsWith(".dlq") || name.endsWith("-dlt"))
				.sorted()
				.toList();
		}
	}

	/** One incident as incident-service stored it. */
	record IncidentRow(UUID id, UUID applicationId, String status, String source, Instant startedAt,
			Instant resolvedAt) {
	}

}
