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
 * ordinary public addresses. Every block of {@link SpecialPurposeAddresses} (loopback,
 * private, link-local with the cloud metadata address, carrier-grade NAT, NAT64, 6to4,
 * Teredo, documentation, benchmarking, multicast, reserved, ...) is refused unless an
 * allowed CIDR block contains the address. A host is refused when any of its addresses
 * is: the client could connect to any.
 * <p>
 * Calls go through {@link GuardedHttpClients}, which applies the guard to the address
 * each connection is actually opened to, address literals and redirects included.
 */
public final class OutboundAddressGuard {

	private final List<Cidr> allowed;

	private final HostResolver resolver;

	public OutboundAddressGuard(List<Cidr> allowed) {
		this(allowed, HostResolver.SYSTEM);
	}

	public OutboundAddressGuard(List<Cidr> allowed, HostResolver resolver) {
		this.allowed = List.copyOf(allowed);
		this.resolver = resolver;
	}

	/**
	 * A guard that lets through the given CIDR blocks.
	 * @param property the configuration property the blocks come from, named when one is
	 * invalid
	 */
	public static OutboundAddressGuard allowing(List<String> networks, String property) {
		return allowing(networks, property, HostResolver.SYSTEM);
	}

	/**
	 * A guard that lets through the given CIDR blocks and looks hosts up with
	 * {@code resolver}.
	 */
	public static OutboundAddressGuard allowing(List<String> networks, String property, HostResolver resolver) {
		List<Cidr> allowed = new ArrayList<>();
		for (int i = 0; i < networks.size(); i++) {
			try {
				allowed.add(Cidr.parse(networks.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(property + "[" + i + "]: " + ex.getMessage(), ex);
			}
		}
		return new OutboundAddressGuard(allowed, resolver);
	}

	/**
	 * Name resolution for a Reactor Netty client that applies this guard to every address
	 * a name resolves to. Address literals never reach a resolver: use
	 * {@link GuardedHttpClients}, which checks the connected address too.
	 */
	public AddressResolverGroup<InetSocketAddress> resolverGroup() {
		return new GuardedAddressResolverGroup(this);
	}

	/**
	 * Why {@code address} may not be reached, or null when it may. For logs and the
	 * owner's eyes only: it names the address.
	 */
	public String refusal(InetAddress address) {
		InetAddress effective = unmapped(address);
		if (this.allowed.stream().anyMatch((cidr) -> cidr.contains(effective))) {
			return null;
		}
		SpecialPurposeAddresses.Block block = SpecialPurposeAddresses.blockOf(effective);
		if (block != null) {
			return effective.getHostAddress() + " is a special-purpose address (" + block.name()
					+ "), which may not be called";
		}
		// what the JDK itself knows to be internal, in case the list misses a spelling
		boolean internal = effective.isLoopbackAddress() || effective.isAnyLocalAddress()
				|| effective.isLinkLocalAddress() || effective.isSiteLocalAddress() || effective.isMulticastAddress();
		return internal ? effective.getHostAddress() + " is an internal address, which may not be called" : null;
	}

	/**
	 * Resolves {@code host} (blocking) and returns its addresses when every one may be
	 * reached.
	 * @throws ForbiddenAddressException when one may not
	 * @throws UnknownHostException when the host does not resolve
	 */
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		List<InetAddress> addresses = this.resolver.resolve(host);
		if (addresses.isEmpty()) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			String refusal = refusal(address);
			if (refusal != null) {
				throw new ForbiddenAddressException("The host " + host + " resolves to " + refusal);
			}
		}
		return addresses;
	}

	/**
	 * An IPv4 address written as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) is judged as
	 * the IPv4 address, which is what the JDK connects to.
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
