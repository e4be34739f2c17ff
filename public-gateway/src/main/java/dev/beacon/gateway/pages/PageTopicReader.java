package dev.beacon.gateway.pages;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import dev.beacon.events.PagesHeartbeat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code beacon.pages.v1} from its beginning into {@link MemoryPages}, on a thread
 * of its own, for as long as the gateway runs. Each replica reads every partition with a
 * plain consumer that is assigned them ({@code assign}, no consumer group, no committed
 * offsets): every replica holds every page, none waits for a rebalance, and a restart
 * simply reads the compacted topic again. Partitions added later are picked up within
 * {@link #PARTITION_CHECK}. Ready (health {@code pages}) once it has read up to the end
 * offsets the topic had when it started.
 */
@Component("pagesHealthIndicator")
class PageTopicReader implements SmartLifecycle, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(PageTopicReader.class);

	static final Duration PARTITION_CHECK = Duration.ofSeconds(10);

	/** How long a poll, and the broker, wait for a record that does not come. */
	private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

	private final PagesProperties properties;

	private final PageRenderer renderer;

	private final MemoryPages pages;

	private final PagesFreshness freshness;

	private final JsonMapper json;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean caughtUp;

	private Map<TopicPartition, Long> startEnd;

	PageTopicReader(PagesProperties properties, PageRenderer renderer, MemoryPages pages, PagesFreshness freshness,
			JsonMapper json) {
		this.properties = properties;
		this.renderer = renderer;
		this.pages = pages;
		this.freshness = freshness;
		this.json = json;
	}

	@Override
	public void start() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-pages-" + UUID.randomUUID());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// status-api's binder creates the topic with its partition count; a reader never
		// does
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// the broker answers a fetch as soon as a record is there: the wait only bounds
		// how
		// long it holds a fetch that finds none, so an idle reader asks every 5 s, not 2
		// times
		// a second
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_WAIT.toMillis());
		this.consumer = new KafkaConsumer<>(config);
		this.running = true;
		this.thread = new Thread(this::run, "pages-reader");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread reader = this.thread;
		if (reader != null) {
			try {
				reader.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public Health health() {
		return this.caughtUp ? Health.up().withDetail("pages", this.pages.size()).build()
				: Health.outOfService().withDetail("reason", "still reading " + this.properties.topic()).build();
	}

	boolean caughtUp() {
		return this.caughtUp;
	}

	private void run() {
		long nextCheck = 0;
		try (KafkaConsumer<String, byte[]> reader = this.consumer) {
			while (this.running) {
				try {
					if (System.nanoTime() - nextCheck >= 0) {
						assignPartitions(reader);
						nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
					}
					if (reader.assignment().isEmpty()) {
						// the topic does not exist yet: nothing to serve, try again soon
						markCaughtUp();
						nextCheck = Math.min(nextCheck, System.nanoTime() + Duration.ofSeconds(2).toNanos());
						Thread.sleep(500);
						continue;
					}
					for (ConsumerRecord<String, byte[]> record : reader.poll(IDLE_WAIT)) {
						apply(record);
					}
					checkCaughtUp(reader);
				}
				catch (WakeupException ex) {
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					logger.warn("Reading {} failed; trying again: {}", this.properties.topic(), ex.toString());
					nextCheck = 0;
					pause();
				}
			}
		}
	}

	private void assignPartitions(KafkaConsumer<String, byte[]> reader) {
		List<PartitionInfo> infos = reader.partitionsFor(this.properties.topic(), Duration.ofSeconds(10));
		if (infos == null || infos.isEmpty()) {
			return;
		}
		Set<TopicPartition> all = new HashSet<>();
		infos.forEach((info) -> all.add(new TopicPartition(info.topic(), info.partition())));
		Set<TopicPartition> added = new HashSet<>(all);
		added.removeAll(reader.assignment());
		if (added.isEmpty()) {
			return;
		}
		reader.assign(all);
		reader.seekToBeginning(added);
		if (this.startEnd == null) {
			this.startEnd = new HashMap<>(reader.endOffsets(all));
		}
		logger.info("Reading {} partition(s) of {} from the beginning", added.size(), this.properties.topic());
	}

	private void checkCaughtUp(KafkaConsumer<String, byte[]> reader) {
		if (this.caughtUp || this.startEnd == null) {
			return;
		}
		for (Map.Entry<TopicPartition, Long> end : this.startEnd.entrySet()) {
			if (reader.position(end.getKey()) < end.getValue()) {
				return;
			}
		}
		markCaughtUp();
		logger.info("Read {} up to its end: {} page(s) in memory", this.properties.topic(), this.pages.size());
	}

	private void markCaughtUp() {
		this.caughtUp = true;
		this.freshness.loaded();
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (PagesHeartbeat.KEY.equals(record.key())) {
			heartbeat(record);
			return;
		}
		UUID applicationId;
		try {
			applicationId = UUID.fromString(record.key());
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping a record of {} without an application id as key (partition {}, offset {})",
					record.topic(), record.partition(), record.offset());
			return;
		}
		if (record.value() == null) {
			this.pages.remove(applicationId);
			return;
		}
		try {
			this.pages.put(this.renderer.render(applicationId, record.value()));
		}
		catch (RuntimeException ex) {
			// never the payload: it is the page's content
			logger.error("Skipping an unreadable page of application {} (partition {}, offset {}): {}", applicationId,
					record.partition(), record.offset(), ex.getClass().getName());
		}
	}

	/**
	 * A heartbeat vouches for the pages as they were when status-api wrote it, not when
	 * its outbox relay sent it: one written before status-api crashed is sent only after
	 * the restart, with the record timestamp of then.
	 */
	private void heartbeat(ConsumerRecord<String, byte[]> record) {
		try {
			PagesHeartbeat heartbeat = this.json.readValue(record.value(), PagesHeartbeat.class);
			this.freshness.heartbeat(Objects.requireNonNull(heartbeat.occurredAt(), "occurredAt"));
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an unreadable heartbeat (partition {}, offset {}): {}", record.partition(),
					record.offset(), ex.toString());
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
