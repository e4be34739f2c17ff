package dev.beacon.statusapi.status;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.statusapi.status.ComponentHealthStore.Versioned;

import org.springframework.stereotype.Component;

/**
 * The health of the components of the partitions this replica consumes, kept in memory so
 * that a batch of observations reads only the components it has not seen yet. Entries are
 * loaded on first use after a partition is assigned and dropped when it is revoked or
 * lost; a stale entry (another writer changed the row, a sweep turned it unknown) is
 * caught by the conditional write and dropped, never trusted.
 */
@Component
public class ComponentStates {

	private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

	/** The kept health of the component, or null. */
	Versioned get(UUID componentId) {
		Entry entry = this.entries.get(componentId);
		return (entry != null) ? entry.state() : null;
	}

	void put(UUID componentId, int partition, Versioned state) {
		this.entries.put(componentId, new Entry(partition, state));
	}

	void forget(Collection<UUID> componentIds) {
		componentIds.forEach(this.entries::remove);
	}

	/** Drops the components of partitions this replica no longer owns. */
	public void partitionsRevoked(Set<Integer> partitions) {
		this.entries.values().removeIf((entry) -> partitions.contains(entry.partition()));
	}

	/** Drops everything (a rebalance whose partitions are unknown). */
	public void clear() {
		this.entries.clear();
	}

	int size() {
		return this.entries.size();
	}

	private record Entry(int partition, Versioned state) {
	}

}
