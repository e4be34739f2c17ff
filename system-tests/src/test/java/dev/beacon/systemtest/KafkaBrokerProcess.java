package dev.beacon.systemtest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import static org.awaitility.Awaitility.await;

/**
 * A single-node KRaft Kafka broker as a process of its own ({@code kafka.Kafka} from the
 * Kafka jars on the test's classpath), on fixed loopback ports with its log directory
 * kept, so it can be killed and started again as the same broker with the same data.
 */
final class KafkaBrokerProcess {

	private final Path directory;

	private final ProcessReaper reaper;

	private final int port;

	private final Path properties;

	private volatile Process process;

	private int incarnation;

	KafkaBrokerProcess(Path directory, ProcessReaper reaper) {
		this.directory = directory;
		this.reaper = reaper;
		this.port = FreePorts.next();
		int controllerPort = FreePorts.next();
		this.properties = directory.resolve("server.properties");
		try {
			Files.createDirectories(directory);
			Files.writeString(this.properties, serverProperties(controllerPort), StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("logback.xml"), LOGBACK, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		format();
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	synchronized void start() {
		this.incarnation++;
		ProcessBuilder builder = new ProcessBuilder(java("kafka.Kafka", this.properties.toString()));
		builder.redirectErrorStream(true);
		builder.redirectOutput(this.directory.resolve("broker-" + this.incarnation + ".log").toFile());
		this.process = this.reaper.start(builder);
	}

	synchronized void kill() {
		this.reaper.kill(this.process.toHandle());
	}

	/** Waits until the broker answers a metadata request. */
	void awaitReady(Duration timeout) {
		Instant start = Instant.now();
		await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The Kafka broker exited with " + this.process.exitValue());
			}
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
					2000))) {
				return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
			}
			catch (Exception ex) {
				return false;
			}
		});
		System.out.printf("  %-10s ready after %5.1f s%n", "kafka",
				Duration.between(start, Instant.now()).toMillis() / 1000.0);
	}

	private void format() {
		List<String> command = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
				this.properties.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("format.log").toFile());
		Process format = this.reaper.start(builder);
		try {
			if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
				throw new IllegalStateException(
						"Could not format the Kafka log directory; see " + this.directory.resolve("format.log"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.reaper.forget(format.toHandle());
		}
	}

	private List<String> java(String mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Dlogback.configurationFile=" + this.directory.resolve("logback.xml"), "-cp", classpath(), mainClass));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The test's classpath carries the broker (through spring-kafka-test); the services'
	 * runnable jars, there only to order the build, are left out.
	 */
	private static String classpath() {
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("-exec.jar"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private String serverProperties(int controllerPort) {
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				default.replication.factor=1
				min.insync.replicas=1
				offsets.topic.replication.factor=1
				offsets.topic.num.partitions=3
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				auto.create.topics.enable=true
				""".formatted(this.port, controllerPort, this.directory.resolve("data"));
	}

	private static final String LOGBACK = """
			<configuration>
			  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
			    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
			  </appender>
			  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
			  <logger name="kafka.server.BrokerServer" level="INFO"/>
			  <root level="WARN"><appender-ref ref="out"/></root>
			</configuration>
			""";

}
