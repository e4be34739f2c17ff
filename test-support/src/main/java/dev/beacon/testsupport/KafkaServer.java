package dev.beacon.testsupport;

/** A running Kafka broker. */
interface KafkaServer extends AutoCloseable {

	String bootstrapServers();

}
