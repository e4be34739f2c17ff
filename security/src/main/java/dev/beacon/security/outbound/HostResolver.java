package dev.beacon.security.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks a host name up (blocking). The system's resolver in production; tests give the
 * guard one they control, so they can judge any address without connecting to it.
 */
@FunctionalInterface
public interface HostResolver {

	/** The system's resolver. An address literal resolves to itself without a lookup. */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * @throws UnknownHostException when the host does not resolve
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
