package dev.beacon.statusapi.status.messaging;

import java.util.function.Consumer;

import dev.beacon.events.ObservationRecorded;
import dev.beacon.statusapi.status.StatusRecorder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code beacon.observations.v1} to the status recorder. */
@Configuration(proxyBeanMethods = false)
class StatusFunctions {

	@Bean
	Consumer<ObservationRecorded> observations(StatusRecorder recorder) {
		return (observation) -> recorder.record(observation).block();
	}

}
