package dev.beacon.testsupport;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real Kafka broker and PostgreSQL server of this test JVM: Testcontainers when a
 * Docker engine is reachable, otherwise an in-JVM KRaft broker and zonky embedded
 * PostgreSQL 17. Both start on first use, once per JVM, and stop when the JVM exits.
 * Tests isolate themselves with their own database ({@link #database}) and topic prefix
 * ({@link #topicPrefix}).
 */
public final class TestInfrastructure {

	private static final boolean DOCKER = dockerAvailable();

	private TestInfrastructure() {
	}

	/** The bootstrap servers of the shared broker. */
	public static String kafkaBootstrapServers() {
		return KafkaHolder.BROKER.bootstrapServers();
	}

	/**
	 * A new, empty database on the shared server, named after {@code name} plus a random
	 * suffix.
	 */
	public static TestDatabase database(String name) {
		return PostgresHolder.SERVER.createDatabase(uniqueName(name, "_"));
	}

	/** A topic prefix of its own for one test class, ending in a dot. */
	public static String topicPrefix(Class<?> testClass) {
		return uniqueName(testClass.getSimpleName(), "-") + ".";
	}

	/** Points a Spring Boot service at the shared broker, with its own topic prefix. */
	public static void registerKafka(DynamicPropertyRegistry registry, String topicPrefix) {
		registry.add("beacon.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
		registry.add("beacon.kafka.topic-prefix", () -> topicPrefix);
	}

	/**
	 * A client of a service started on {@code port}. Requests may take up to 30 s: a busy
	 * 2-core machine running a broker, a database and the service can be slow, a hang
	 * still fails. A request unanswered after 10 s gets a report of the JVM's threads and
	 * the database's sessions in the log.
	 */
	public static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.filter(SlowRequestReport.after(Duration.ofSeconds(10), PostgresHolder.SERVER::activity))
			// an address literal: no name resolution (Netty's resolver may ask DNS) on
			// the way
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Whether the servers run in containers; otherwise they run in this JVM. */
	public static boolean usesDocker() {
		return DOCKER;
	}

	private static String uniqueName(String name, String separator) {
		String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", separator);
		return base + separator + UUID.randomUUID().toString().substring(0, 8);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static final class KafkaHolder {

		static final KafkaServer BROKER = start(DOCKER ? new ContainerKafka() : new EmbeddedKafka());

	}

	private static final class PostgresHolder {

		static final PostgresServer SERVER = start(DOCKER ? new ContainerPostgres() : new EmbeddedPostgresServer());

	}

	private static <T extends AutoCloseable> T start(T server) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				server.close();
			}
			catch (Exception ex) {
				// the JVM is exiting; nothing is left to clean up after a server that
				// will not stop
			}
		}, "test-infrastructure-shutdown"));
		return server;
	}

}
