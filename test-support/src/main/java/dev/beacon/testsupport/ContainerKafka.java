package dev.beacon.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** A KRaft broker in a container, for machines with a Docker engine. */
final class ContainerKafka implements KafkaServer {

	private final KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");

	ContainerKafka() {
		this.container.start();
	}

	@Override
	public String bootstrapServers() {
		return this.container.getBootstrapServers();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
