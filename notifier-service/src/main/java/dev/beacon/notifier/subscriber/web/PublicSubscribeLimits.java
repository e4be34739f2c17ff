package dev.beacon.notifier.subscriber.web;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/** The per-client and per-target limits of the public subscribe endpoint. */
@Component
class PublicSubscribeLimits {

	private final KeyedRateLimits clients;

	private final KeyedRateLimits targets;

	private final boolean trustForwardedFor;

	PublicSubscribeLimits(PublicSubscribeProperties properties) {
		this.clients = new KeyedRateLimits(properties.perClient(), properties.perClientPeriod(),
				properties.trackedKeys());
		this.targets = new KeyedRateLimits(properties.perTarget(), properties.perTargetPeriod(),
				properties.trackedKeys());
		this.trustForwardedFor = properties.trustForwardedFor();
	}

	/** Fails with {@link TooManyRequestsException} when the client asked too often. */
	void checkClient(ServerHttpRequest request) {
		if (!this.clients.tryAcquire(clientAddress(request))) {
			throw new TooManyRequestsException(this.clients.period());
		}
	}

	/**
	 * Whether the target (a mail address or URL) may be given another subscription now;
	 * when not, the request is answered as usual and nothing is sent.
	 */
	boolean targetAllowed(String target) {
		return this.targets.tryAcquire(target.strip().toLowerCase(Locale.ROOT));
	}

	String clientAddress(ServerHttpRequest request) {
		if (this.trustForwardedFor) {
			String forwarded = String.join(",", request.getHeaders().getOrEmpty("X-Forwarded-For"));
			if (forwarded != null && !forwarded.isBlank()) {
				// the gateway appends the address it saw: the last entry is the one to
				// trust
				String[] hops = forwarded.split(",");
				return hops[hops.length - 1].strip();
			}
		}
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
