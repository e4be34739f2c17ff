package dev.beacon.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps calls to user-given URLs (probes, webhooks) away from the platform's own networks: a host
 * that resolves to a loopback, private, link-local (cloud metadata included), unspecified or
 * multicast address is refused, unless the address lies in one of the allowed networks.
 */
public final class OutboundAddressGuard {

	private final List<Cidr> allowed;

	/** @param allowedNetworks CIDRs that are reachable even though private, e.g. {@code 127.0.0.0/8} */
	public OutboundAddressGuard(List<String> allowedNetworks) {
		this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
	}

	/**
	 * Resolves the URL's host (a blocking call) and returns why it may not be called, or null when
	 * it may.
	 */
	public String refusal(URI url) {
		String host = url.getHost();
		if (host == null) {
			return "The URL has no host";
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (isInternal(address) && this.allowed.stream().noneMatch((cidr) -> cidr.contains(address))) {
					return "The host " + host + " resolves to the internal address " + address.getHostAddress()
							+ ", which may not be called";
				}
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return "The host " + host + " could not be resolved";
		}
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
		}
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// carrier-grade NAT 100.64/10 and the 0/8 "this network" block
			return (first == 100 && second >= 64 && second < 128) || first == 0;
		}
		return false;
	}

	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String cidr) {
			String[] parts = cidr.strip().split("/");
			try {
				byte[] network = InetAddress.getByName(parts[0]).getAddress();
				int prefix = (parts.length > 1) ? Integer.parseInt(parts[1]) : network.length * 8;
				if (prefix < 0 || prefix > network.length * 8) {
					throw new IllegalArgumentException("Invalid prefix length in " + cidr);
				}
				return new Cidr(network, prefix);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("Invalid network " + cidr + ": expected an address/prefix", ex);
			}
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int remaining = this.prefix;
			for (int i = 0; i < bytes.length && remaining > 0; i++, remaining -= 8) {
				int mask = (remaining >= 8) ? 0xff : (0xff << (8 - remaining)) & 0xff;
				if ((bytes[i] & mask) != (this.network[i] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
