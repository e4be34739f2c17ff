package dev.beacon.collector;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param allowedNetworks CIDRs that probes may reach although they are internal
 * @param maxConcurrentProbes how many probes may be in flight at once
 */
@ConfigurationProperties("beacon.collector")
@Validated
public record CollectorProperties(@NotNull @DefaultValue List<String> allowedNetworks,
		@Min(1) @Max(1024) @DefaultValue("32") int maxConcurrentProbes) {
}
