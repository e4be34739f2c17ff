package dev.beacon.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval how often the relay looks for new rows
 */
@ConfigurationProperties("beacon.outbox")
@Validated
record OutboxProperties(@NotNull @DefaultValue("100ms") Duration pollInterval) {
}
