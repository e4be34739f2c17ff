package dev.beacon.security.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of addresses, IPv4 or IPv6, such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(byte[] network, int prefixLength) {

	/** Parses {@code a.b.c.d/n} or {@code ipv6/n}; a bare address is a block of one. */
	public static Cidr parse(String value) {
		String text = value.strip();
		int slash = text.indexOf('/');
		String address = (slash >= 0) ? text.substring(0, slash) : text;
		if (!isLiteral(address)) {
			throw new IllegalArgumentException("'" + value + "' is not a CIDR block (address/prefix length)");
		}
		byte[] bytes;
		try {
			// a literal never causes a lookup
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a CIDR block (address/prefix length)");
		}
		int length = bytes.length * 8;
		if (slash >= 0) {
			try {
				length = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + value + "' has no valid prefix length");
			}
			if (length < 0 || length > bytes.length * 8) {
				throw new IllegalArgumentException("'" + value + "' has a prefix length out of range");
			}
		}
		return new Cidr(bytes, length);
	}

	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

	private static boolean isLiteral(String address) {
		return !address.isEmpty() && (address.contains(":") || address.matches("[0-9.]+"));
	}

}
