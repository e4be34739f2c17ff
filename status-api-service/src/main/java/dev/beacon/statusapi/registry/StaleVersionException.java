package dev.beacon.statusapi.registry;

import java.util.UUID;

/** A change was made against a version of the application that is no longer current. */
public class StaleVersionException extends RuntimeException {

	private final long current;

	public StaleVersionException(UUID id, long current) {
		super("Application " + id + " has changed since it was read; it is at version " + current);
		this.current = current;
	}

	public long current() {
		return this.current;
	}

}
