package dev.beacon.collector.pods;

import java.time.Clock;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.collector.probe.Observations;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PodConfiguration {

	@Bean
	PodWatches podWatches(ProbeTargets targets, Observations observations, CollectorProperties properties,
			MeterRegistry meters) {
		return new PodWatches(KubernetesConnection.open(properties.kubernetes()), targets, observations,
				properties.kubernetes(), meters, Clock.systemUTC());
	}

}
