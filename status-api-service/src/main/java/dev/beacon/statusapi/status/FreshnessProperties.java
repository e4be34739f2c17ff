package dev.beacon.statusapi.status;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sweepInterval how often the {@link StalenessSweep} looks for components whose
 * data went stale: a component turns unknown at most this long after its data did
 */
@ConfigurationProperties("beacon.status")
@Validated
record FreshnessProperties(@NotNull @DefaultValue("5s") Duration sweepInterval) {
}
