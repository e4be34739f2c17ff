package dev.beacon.collector.probe.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.probe.Observations;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes observations keyed by component id through a bounded buffer, so that neither
 * a probe nor a pod watch ever waits for Kafka. One sender thread hands the buffer to a
 * Kafka producer of its own (batched, idempotent, {@code acks=all}); a send Kafka refused
 * goes back to the head of the buffer and is tried again after a pause. While Kafka is
 * unreachable the collector goes on observing: the buffer keeps the newest
 * {@code beacon.collector.buffer-capacity} observations, drops the oldest beyond (counted
 * in {@code beacon_observations_dropped_total}), and drains by itself once Kafka is back.
 * On shutdown it sends what it holds within a few seconds and says how many it could not.
 */
@Component
class KafkaObservations implements Observations, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KafkaObservations.class);

	/**
	 * What stopping may take, sending and closing the producer together: with the probes'
	 * 1.5 s it keeps the collector's stop within 5 s.
	 */
	private static final Duration DRAIN_ON_STOP = Duration.ofMillis(2500);

	private static final int BATCH = 500;

	private final JsonMapper json = JsonMapper.builder().build();

	private final String bootstrapServers;

	private final String topic;

	private final BlockingDeque<ObservationRecorded> buffer;

	private final Counter dropped;

	private final Counter published;

	private final AtomicInteger unacknowledged = new AtomicInteger();

	private volatile KafkaProducer<String, byte[]> producer;

	private volatile Thread sender;

	private volatile boolean running;

	private volatile long pauseUntil;

	KafkaObservations(@Value("${beacon.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${beacon.kafka.topic-prefix:}") String topicPrefix, CollectorProperties properties,
			MeterRegistry meters) {
		this.bootstrapServers = bootstrapServers;
		this.topic = topicPrefix + Topics.OBSERVATIONS;
		this.buffer = new LinkedBlockingDeque<>(properties.bufferCapacity());
		this.dropped = Counter.builder("beacon.observations.dropped")
			.description("Observations dropped because the buffer was full (Kafka unreachable)")
			.register(meters);
		this.published = Counter.builder("beacon.observations.published")
			.description("Observations Kafka acknowledged")
			.register(meters);
		Gauge.builder("beacon.observations.buffered", this.buffer, BlockingDeque::size)
			.description("Observations waiting to be sent to Kafka")
			.register(meters);
		Gauge.builder("beacon.observations.buffer.capacity", properties, CollectorProperties::bufferCapacity)
			.register(meters);
	}

	@Override
	public Mono<Void> publish(ObservationRecorded observation) {
		keep(observation, false);
		return Mono.empty();
	}

	/** Buffers the observation; when full, the oldest gives way. */
	private void keep(ObservationRecorded observation, boolean first) {
		boolean kept = first ? this.buffer.offerFirst(observation) : this.buffer.offerLast(observation);
		while (!kept) {
			if (first) {
				// a failed send is the oldest: it is the one to give way
				this.dropped.increment();
				return;
			}
			if (this.buffer.pollFirst() != null) {
				this.dropped.increment();
			}
			kept = this.buffer.offerLast(observation);
		}
	}

	@Override
	public void start() {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.CLIENT_ID_CONFIG, "collector-observations", ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
				// a send never blocks the sender long: the buffer, not the producer,
				// holds what waits
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000, ProducerConfig.BUFFER_MEMORY_CONFIG,
				16 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer());
		this.running = true;
		Thread thread = new Thread(this::send, "observation-sender");
		thread.setDaemon(true);
		this.sender = thread;
		thread.start();
	}

	private void send() {
		List<ObservationRecorded> batch = new ArrayList<>(BATCH);
		while (this.running || (!this.buffer.isEmpty() && this.pauseUntil == 0)) {
			try {
				long pause = this.pauseUntil - System.nanoTime();
				if (this.pauseUntil != 0 && pause > 0) {
					TimeUnit.NANOSECONDS.sleep(Math.min(pause, TimeUnit.MILLISECONDS.toNanos(100)));
					continue;
				}
				this.pauseUntil = 0;
				ObservationRecorded first = this.buffer.pollFirst(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.buffer.drainTo(batch, BATCH - 1);
				sendAll(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void sendAll(List<ObservationRecorded> batch) {
		for (int i = 0; i < batch.size(); i++) {
			try {
				sendOne(batch.get(i));
			}
			catch (RuntimeException ex) {
				// Kafka unreachable (no metadata within max.block.ms): keep what was not
				// handed over, in order, at the head
				for (int j = batch.size() - 1; j >= i; j--) {
					keep(batch.get(j), true);
				}
				pause(ex);
				return;
			}
			if (this.pauseUntil != 0) {
				// Kafka refused one without throwing (its callback ran and put it back at
				// the head): the rest wait behind it, in order, instead of each waiting
				// out
				// max.block.ms in turn
				ObservationRecorded refused = (this.buffer.peekFirst() == batch.get(i)) ? this.buffer.pollFirst()
						: null;
				for (int j = batch.size() - 1; j > i; j--) {
					keep(batch.get(j), true);
				}
				if (refused != null) {
					keep(refused, true);
				}
				return;
			}
		}
	}

	private void sendOne(ObservationRecorded observation) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, observation.componentId().toString(),
				this.json.writeValueAsBytes(observation));
		record.headers()
			.add("ce_specversion", bytes("1.0"))
			.add("ce_id", bytes(observation.eventId().toString()))
			.add("ce_type", bytes("dev.beacon.ObservationRecorded"))
			.add("ce_source", bytes("/beacon/collector"))
			.add("ce_time", bytes(observation.occurredAt().toString()));
		this.unacknowledged.incrementAndGet();
		this.producer.send(record, (metadata, failure) -> {
			this.unacknowledged.decrementAndGet();
			if (failure == null) {
				this.published.increment();
			}
			else {
				keep(observation, true);
				pause(failure);
			}
		});
	}

	private void pause(Throwable failure) {
		if (this.pauseUntil == 0) {
			logger.warn("Kafka did not take observations ({}); {} buffered, trying again in 1 s",
					failure.getClass().getSimpleName(), this.buffer.size());
		}
		this.pauseUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Sends what the buffer holds within a few seconds, then closes the producer. */
	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.sender;
		long deadline = System.nanoTime() + DRAIN_ON_STOP.toNanos();
		try {
			if (thread != null) {
				// the sender hands what is buffered to the producer, then ends
				// (not interrupted: a send waiting for metadata fails when the
				// producer closes, without an interrupt's stack trace)
				thread.join(Math.max(DRAIN_ON_STOP.toMillis() - 500, 1));
			}
			KafkaProducer<String, byte[]> current = this.producer;
			if (current != null) {
				// close sends what the producer holds (its batches linger 5 ms) within
				// what is left
				current.close(
						Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200))));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int left = this.buffer.size() + Math.max(this.unacknowledged.get(), 0);
		if (left > 0) {
			logger.warn("Stopped with {} observation(s) Kafka did not take", left);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the pod watches, the probes and the catalog consumer (phase
	 * {@code Integer.MAX_VALUE - 3000}, Spring Cloud Stream's input bindings), which may
	 * still publish while they stop.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4000;
	}

}
