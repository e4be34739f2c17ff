package dev.beacon.notifier.webhook;

import java.util.List;

import dev.beacon.security.outbound.OutboundAddressGuard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedNetworks CIDR blocks that webhook targets may resolve to although the
 * SSRF guard would refuse them (private, loopback, link-local, ...). Empty in production.
 */
@ConfigurationProperties("beacon.notifier")
record TargetNetworkProperties(@DefaultValue List<String> allowedNetworks) {

	TargetNetworkProperties {
		allowedNetworks = List.copyOf(allowedNetworks);
		// fails at start-up, naming the property, when a block is invalid
		guard(allowedNetworks);
	}

	OutboundAddressGuard guard() {
		return guard(this.allowedNetworks);
	}

	private static OutboundAddressGuard guard(List<String> allowedNetworks) {
		return OutboundAddressGuard.allowing(allowedNetworks, "beacon.notifier.allowed-networks");
	}

}
