package dev.beacon.statusapi.registry;

import dev.beacon.outbox.DatabaseNotifications;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes every replica forget the components it kept when the registry changes. */
@Configuration(proxyBeanMethods = false)
class RegistryNotifications {

	@Bean
	DatabaseNotifications registryChanges(ConnectionFactory connections, RegisteredComponents components) {
		return new DatabaseNotifications(connections, RegisteredComponents.NOTIFICATION_CHANNEL, components::forgetAll);
	}

}
