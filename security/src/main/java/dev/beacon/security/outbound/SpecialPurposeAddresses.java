package dev.beacon.security.outbound;

import java.net.InetAddress;
import java.util.List;

/**
 * The one list of address blocks that outbound calls to user-given URLs may not reach,
 * kept against the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (iana.org/assignments/iana-ipv4-special-registry, iana-ipv6-special-registry), plus
 * multicast and the reserved class E. Blocks that embed or translate an IPv4 address
 * (NAT64, 6to4, Teredo, IPv4-compatible and -translated) are refused whole: the IPv4
 * address inside could be anything, the cloud metadata address included. Only IPv4-mapped
 * addresses ({@code ::ffff:a.b.c.d}) are judged as the IPv4 address they are, since the
 * JDK connects to them as such.
 * <p>
 * Registry entries that are globally reachable (AS112 192.31.196.0/24, 192.175.48.0/24,
 * AMT 192.52.193.0/24, 2001:4:112::/48, ...) are refused with their enclosing blocks
 * where the registry nests them (2001::/23), and otherwise allowed.
 */
final class SpecialPurposeAddresses {

	record Block(Cidr cidr, String name) {

		Block(String cidr, String name) {
			this(Cidr.parse(cidr), name);
		}

	}

	static final List<Block> BLOCKS = List.of(
			// IPv4 (RFC 6890 and its updates)
			new Block("0.0.0.0/8", "this network"), new Block("10.0.0.0/8", "private use"),
			new Block("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
			new Block("127.0.0.0/8", "loopback"), new Block("169.254.0.0/16", "link-local (cloud metadata)"),
			new Block("172.16.0.0/12", "private use"), new Block("192.0.0.0/24", "IETF protocol assignments"),
			new Block("192.0.2.0/24", "documentation"), new Block("192.88.99.0/24", "6to4 relay anycast"),
			new Block("192.168.0.0/16", "private use"), new Block("198.18.0.0/15", "benchmarking"),
			new Block("198.51.100.0/24", "documentation"), new Block("203.0.113.0/24", "documentation"),
			new Block("224.0.0.0/4", "multicast"), new Block("240.0.0.0/4", "reserved"),
			new Block("255.255.255.255/32", "limited broadcast"),
			// IPv6
			new Block("::/128", "unspecified"), new Block("::1/128", "loopback"),
			new Block("::/96", "IPv4-compatible (deprecated)"), new Block("::ffff:0:0:0/96", "IPv4-translated"),
			new Block("64:ff9b::/96", "IPv4/IPv6 translation (NAT64)"),
			new Block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"), new Block("100::/64", "discard-only"),
			new Block("2001::/23", "IETF protocol assignments (Teredo, ORCHID, benchmarking ...)"),
			new Block("2001:db8::/32", "documentation"), new Block("2002::/16", "6to4"),
			new Block("3fff::/20", "documentation"), new Block("5f00::/16", "segment routing (SRv6) SIDs"),
			new Block("fc00::/7", "unique local"), new Block("fe80::/10", "link-local"),
			new Block("fec0::/10", "site-local (deprecated)"), new Block("ff00::/8", "multicast"));

	private SpecialPurposeAddresses() {
	}

	/** The block {@code address} lies in, or null when it is an ordinary address. */
	static Block blockOf(InetAddress address) {
		for (Block block : BLOCKS) {
			if (block.cidr().contains(address)) {
				return block;
			}
		}
		return null;
	}

}
