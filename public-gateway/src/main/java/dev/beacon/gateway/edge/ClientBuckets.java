package dev.beacon.gateway.edge;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per client address (bucket4j), shared by every way a public read comes
 * in (the filter of the full stack and the fast path), so a client has one bucket.
 * Buckets of addresses not seen for 10 min are forgotten, and at most {@code clients} are
 * kept.
 */
class ClientBuckets {

	private final EdgeProperties.RateLimit limit;

	private final Cache<String, Bucket> buckets;

	private final Function<String, Bucket> newBucket = (address) -> newBucket();

	ClientBuckets(EdgeProperties.RateLimit limit) {
		this.limit = limit;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limit.clients())
			.expireAfterAccess(Duration.ofMinutes(10))
			.build();
	}

	boolean enabled() {
		return this.limit.enabled();
	}

	/** Takes one token from the client's bucket; the probe says whether there was one. */
	ConsumptionProbe take(String client) {
		return this.buckets.get(client, this.newBucket).tryConsumeAndReturnRemaining(1);
	}

	/** Takes one token if there is one, without saying more: the fast path's question. */
	boolean tryTake(String client) {
		return this.buckets.get(client, this.newBucket).tryConsume(1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limit.capacity())
				.refillGreedy(this.limit.perSecond(), Duration.ofSeconds(1))
				.build())
			.build();
	}

}
