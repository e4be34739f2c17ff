package dev.beacon.collector.probe;

import dev.beacon.events.ObservationRecorded;
import reactor.core.publisher.Mono;

/** Where observations go; completes once the broker has them. */
public interface Observations {

	Mono<Void> publish(ObservationRecorded observation);

}
