package dev.beacon.statusapi.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The registered components that observations name, kept in memory: the status recorder
 * looks up every component of each batch, and the registry changes seldom. A change of
 * the components in any replica makes every replica forget all it kept (the components'
 * trigger notifies {@value #NOTIFICATION_CHANNEL} on commit), and so does listening again
 * after the notification connection was lost. What a lookup read while a change was
 * notified is used once and not kept.
 */
@Component
public class RegisteredComponents {

	public static final String NOTIFICATION_CHANNEL = "beacon_registry";

	private final Applications applications;

	/** Guarded by this, with {@link #generation}. */
	private final Map<UUID, RegisteredComponent> kept = new HashMap<>();

	/** How many times everything was forgotten. */
	private long generation;

	RegisteredComponents(Applications applications) {
		this.applications = applications;
	}

	/** The components with these ids that exist, by id; reads only those not kept. */
	public Mono<Map<UUID, RegisteredComponent>> find(Collection<UUID> componentIds) {
		Map<UUID, RegisteredComponent> found = new HashMap<>();
		List<UUID> missing = new ArrayList<>();
		long readIn;
		synchronized (this) {
			for (UUID id : componentIds) {
				RegisteredComponent component = this.kept.get(id);
				if (component != null) {
					found.put(id, component);
				}
				else {
					missing.add(id);
				}
			}
			readIn = this.generation;
		}
		if (missing.isEmpty()) {
			return Mono.just(found);
		}
		return this.applications.findComponents(missing).map((read) -> {
			keep(read, readIn);
			found.putAll(read);
			return found;
		});
	}

	private synchronized void keep(Map<UUID, RegisteredComponent> read, long readIn) {
		if (this.generation == readIn) {
			this.kept.putAll(read);
		}
	}

	/** Forgets every component kept: the registry changed, or may have. */
	public synchronized void forgetAll() {
		this.generation++;
		this.kept.clear();
	}

}
