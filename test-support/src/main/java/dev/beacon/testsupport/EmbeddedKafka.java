package dev.beacon.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node KRaft broker inside this JVM. */
final class EmbeddedKafka implements KafkaServer {

	private final EmbeddedKafkaBroker broker;

	EmbeddedKafka() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 2).brokerProperties(Map.of("auto.create.topics.enable", "true",
				"group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "2"));
		this.broker.afterPropertiesSet();
	}

	@Override
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

}
