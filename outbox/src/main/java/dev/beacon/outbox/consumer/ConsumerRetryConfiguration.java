package dev.beacon.outbox.consumer;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Import into every service that consumes from Kafka: the retry policy of
 * {@link ConsumerFailures} for all its consumer bindings, dead letters counted in
 * {@code beacon.dead.letters} and logged. Each consumer binding keeps
 * {@code enable-dlq: true} and a {@code max-attempts} above 1 (the binder's default, 3);
 * the backoff is {@code beacon.consumer.retry.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerRetryProperties.class)
public class ConsumerRetryConfiguration {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer retryingListenerContainers(
			KafkaTemplate<byte[], byte[]> deadLetterTemplate, ObjectProvider<MeterRegistry> meters,
			ConsumerRetryProperties properties) {
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		return new RetryingListenerContainers(
				(destination) -> new DeadLetters(deadLetterTemplate, destination, registry), properties);
	}

	/**
	 * Observed like the binder's own templates (the services enable its observation):
	 * otherwise it registers {@code spring.kafka.template} with other tags first, and
	 * Prometheus drops the binder's timers, those of every event the service publishes.
	 */
	@Bean
	KafkaTemplate<byte[], byte[]> deadLetterTemplate(DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers) {
		KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(deadLetterProducers);
		template.setObservationEnabled(true);
		return template;
	}

	/**
	 * A producer for dead letters and replays, configured like the binder's: its brokers
	 * and its {@code configuration} map (where security settings go). A bean, so that its
	 * producer is closed with the context.
	 */
	@Bean
	DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducers(Environment environment) {
		Map<String, Object> config = new HashMap<>(binderConfiguration(environment));
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(environment));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	static Map<String, String> binderConfiguration(Environment environment) {
		return Binder.get(environment)
			.bind("spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
	}

	static String brokers(Environment environment) {
		return environment.getProperty("spring.cloud.stream.kafka.binder.brokers", "localhost:9092");
	}

}
