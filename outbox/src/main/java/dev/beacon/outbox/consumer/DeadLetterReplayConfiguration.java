package dev.beacon.outbox.consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Import into a service with a secured API (it brings
 * {@link ConsumerRetryConfiguration}): {@code POST
 * /api/admin/dead-letters/{topic}/replay} sends the dead letters of a topic the service
 * consumes back to that topic, for a caller with the {@code beacon:admin} scope.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsumerRetryConfiguration.class)
public class DeadLetterReplayConfiguration {

	@Bean
	DeadLetterReplay deadLetterReplay(BindingServiceProperties bindings,
			KafkaTemplate<byte[], byte[]> deadLetterTemplate, Environment environment,
			@Value("${beacon.kafka.topic-prefix:}") String topicPrefix) {
		return new DeadLetterReplay(bindings, deadLetterTemplate, environment, topicPrefix);
	}

	@Bean
	DeadLetterController deadLetterController(DeadLetterReplay deadLetterReplay) {
		return new DeadLetterController(deadLetterReplay);
	}

}
