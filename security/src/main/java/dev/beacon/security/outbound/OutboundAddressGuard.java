package dev.beacon.security.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.netty.resolver.AddressResolverGroup;

/**
 * The SSRF guard for calls to user-given URLs (probes, webhooks): they may only reach
 * public addresses. Loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7),
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified (0/8,
 * ::) and multicast addresses are refused unless an allowed CIDR block contains them. A
 * host is refused when any of its addresses is: the client could connect to any.
 */
public final class OutboundAddressGuard {

	private static final List<Cidr> FORBIDDEN = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"),
			Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"),
			Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"), Cidr.parse("224.0.0.0/4"), Cidr.parse("::/128"),
			Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("fec0::/10"),
			Cidr.parse("ff00::/8"));

	private final List<Cidr> allowed;

	public OutboundAddressGuard(List<Cidr> allowed) {
		this.allowed = List.copyOf(allowed);
	}

	/**
	 * A guard that lets through the given CIDR blocks.
	 * @param property the configuration property the blocks come from, named when one is
	 * invalid
	 */
	public static OutboundAddressGuard allowing(List<String> networks, String property) {
		List<Cidr> allowed = new ArrayList<>();
		for (int i = 0; i < networks.size(); i++) {
			try {
				allowed.add(Cidr.parse(networks.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(property + "[" + i + "]: " + ex.getMessage(), ex);
			}
		}
		return new OutboundAddressGuard(allowed);
	}

	/**
	 * Name resolution for a Reactor Netty client that applies this guard to the very
	 * addresses it connects to:
	 * {@code HttpClient.create().resolver(guard.resolverGroup())}.
	 */
	public AddressResolverGroup<InetSocketAddress> resolverGroup() {
		return new GuardedAddressResolverGroup(this);
	}

	/** Why {@code address} may not be reached, or null when it may. */
	public String refusal(InetAddress address) {
		InetAddress effective = unmapped(address);
		if (this.allowed.stream().anyMatch((cidr) -> cidr.contains(effective))) {
			return null;
		}
		boolean forbidden = effective.isLoopbackAddress() || effective.isAnyLocalAddress()
				|| effective.isLinkLocalAddress() || effective.isSiteLocalAddress() || effective.isMulticastAddress()
				|| FORBIDDEN.stream().anyMatch((cidr) -> cidr.contains(effective));
		return forbidden
				? effective.getHostAddress()
						+ " is a private, loopback, link-local or otherwise internal address, which may not be called"
				: null;
	}

	/**
	 * Resolves {@code host} (blocking) and returns its addresses when every one may be
	 * reached.
	 * @throws ForbiddenAddressException when one may not
	 * @throws UnknownHostException when the host does not resolve
	 */
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
		for (InetAddress address : addresses) {
			String refusal = refusal(address);
			if (refusal != null) {
				throw new ForbiddenAddressException("The host " + host + " resolves to " + refusal);
			}
		}
		return addresses;
	}

	/**
	 * An IPv4 address written as IPv6 ({@code ::ffff:a.b.c.d}) is judged as the IPv4
	 * address.
	 */
	private static InetAddress unmapped(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			boolean mapped = true;
			for (int i = 0; i < 10; i++) {
				mapped &= bytes[i] == 0;
			}
			mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
			if (mapped) {
				try {
					return Inet4Address.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return address;
	}

}
