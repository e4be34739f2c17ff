package dev.beacon.systemtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, chosen once and kept for the whole run: a restarted service,
 * broker or database must come back where the others look for it. They are taken below
 * Linux's ephemeral range (32768 and up), so that no outgoing connection borrows one
 * while its owner is down.
 */
final class FreePorts {

	private static final int LOW = 20000;

	private static final int HIGH = 32000;

	private static final Set<Integer> taken = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	static int next() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
			if (taken.add(port) && bindable(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port between " + LOW + " and " + HIGH);
	}

	private static boolean bindable(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
