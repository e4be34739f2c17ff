package dev.beacon.notifier.webhook;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedNetworks CIDR blocks that webhook targets may resolve to although the SSRF guard
 * would refuse them (private, loopback, link-local, ...). Empty in production.
 */
@ConfigurationProperties("beacon.notifier")
record TargetNetworkProperties(@DefaultValue List<String> allowedNetworks) {

	TargetNetworkProperties {
		allowedNetworks = List.copyOf(allowedNetworks);
		for (int i = 0; i < allowedNetworks.size(); i++) {
			try {
				Cidr.parse(allowedNetworks.get(i));
			}
			catch (IllegalArgumentException ex) {
				// fail at start-up, naming the property
				throw new IllegalArgumentException(
						"beacon.notifier.allowed-networks[" + i + "]: " + ex.getMessage(), ex);
			}
		}
	}

	List<Cidr> cidrs() {
		return this.allowedNetworks.stream().map(Cidr::parse).toList();
	}

}
