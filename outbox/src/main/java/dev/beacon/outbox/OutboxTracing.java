package dev.beacon.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import reactor.util.context.ContextView;

/**
 * Carries a trace across the outbox: the W3C {@code traceparent} of the request or
 * consumed record that appended a row is stored with the row, and the relay publishes the
 * row inside an observation continuing that trace, so the Kafka producer puts the same
 * trace in the record's headers. With no tracer (tests, or tracing left out) nothing is
 * stored and nothing is continued.
 */
final class OutboxTracing {

	static final String TRACE_PARENT = "traceparent";

	private final ObservationRegistry registry;

	OutboxTracing(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The {@code traceparent} of the observation in the reactive context (a WebFlux
	 * request, or a consumed record through {@code block()} with context propagation on),
	 * or of the current thread; null when there is none.
	 */
	String traceParentOf(ContextView context) {
		Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent == null) {
			parent = this.registry.getCurrentObservation();
		}
		if (parent == null || parent.isNoop()) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		SenderContext<Map<String, String>> appended = new SenderContext<>(Map::put);
		appended.setCarrier(carrier);
		appended.setRemoteServiceName("outbox");
		Observation.createNotStarted("beacon.outbox.append", () -> appended, this.registry)
			.parentObservation(parent)
			.start()
			.stop();
		return carrier.get(TRACE_PARENT);
	}

	/**
	 * Runs {@code send} inside an observation that continues {@code traceParent} (when
	 * there is one), so that what it sends carries the same trace.
	 */
	<T> T continuing(String traceParent, String topic, Supplier<T> send) {
		if (traceParent == null) {
			return send.get();
		}
		ReceiverContext<String> relayed = new ReceiverContext<>(
				(carrier, key) -> TRACE_PARENT.equals(key) ? carrier : null);
		relayed.setCarrier(traceParent);
		relayed.setRemoteServiceName("outbox");
		return Observation.createNotStarted("beacon.outbox.relay", () -> relayed, this.registry)
			.contextualName("outbox relay " + topic)
			.lowCardinalityKeyValue("topic", topic)
			.observe(send);
	}

}
