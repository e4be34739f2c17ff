package dev.beacon.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.r2dbc.spi.ConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Import into a service that changes its database and publishes events (it brings the
 * {@link InboxConfiguration} too). Topic names get the prefix
 * {@code beacon.kafka.topic-prefix} (tests isolate themselves with it). The service's
 * migrations create the {@code outbox}, {@code outbox_failed} and
 * {@code processed_events} tables (see this module's README).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
@Import(InboxConfiguration.class)
public class OutboxConfiguration {

	@Bean
	Outbox outbox(DatabaseClient database, JsonMapper json, OutboxRelay relay,
			ObjectProvider<ObservationRegistry> observations) {
		return new Outbox(database, json, tracing(observations), relay::wake);
	}

	@Bean
	OutboxRelay outboxRelay(DatabaseClient database, TransactionalOperator transactions, StreamBridge streamBridge,
			OutboxProperties properties, @Value("${beacon.kafka.topic-prefix:}") String topicPrefix,
			@Value("${spring.application.name}") String applicationName, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ObservationRegistry> observations) {
		return new OutboxRelay(database, transactions, streamBridge, properties, topicPrefix,
				"/beacon/" + applicationName, meters.getIfAvailable(SimpleMeterRegistry::new), tracing(observations));
	}

	private static OutboxTracing tracing(ObjectProvider<ObservationRegistry> observations) {
		return new OutboxTracing(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	DatabaseNotifications outboxNotifications(ConnectionFactory connections, OutboxRelay relay) {
		return new DatabaseNotifications(connections, OutboxRelay.NOTIFICATION_CHANNEL, relay::wake);
	}

}
