package dev.beacon.incident.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;

/**
 * An incident and its timeline. Every method that changes it checks that its current
 * status allows the change, adds one update, raises the version by one and records the
 * {@link IncidentChanged} event to publish; an illegal change throws
 * {@link IllegalIncidentTransitionException} and leaves the incident as it was.
 */
public final class Incident {

	private final UUID id;

	private final UUID applicationId;

	private final String title;

	private final Source source;

	private final Instant startedAt;

	private final Instant createdAt;

	private final long persistedVersion;

	private IncidentStatus status;

	private Impact impact;

	private Instant resolvedAt;

	private Instant updatedAt;

	private long version;

	private final LinkedHashSet<UUID> componentIds;

	private final List<IncidentUpdate> updates;

	private final List<IncidentUpdate> unsavedUpdates = new ArrayList<>();

	private final List<IncidentChanged> changes = new ArrayList<>();

	private Incident(UUID id, UUID applicationId, String title, Source source, IncidentStatus status, Impact impact,
			Instant startedAt, Instant resolvedAt, Instant createdAt, Instant updatedAt, long version,
			Collection<UUID> componentIds, List<IncidentUpdate> updates) {
		this.id = Objects.requireNonNull(id);
		this.applicationId = Objects.requireNonNull(applicationId);
		this.title = Objects.requireNonNull(title);
		this.source = Objects.requireNonNull(source);
		this.status = Objects.requireNonNull(status);
		this.impact = Objects.requireNonNull(impact);
		this.startedAt = Objects.requireNonNull(startedAt);
		this.resolvedAt = resolvedAt;
		this.createdAt = Objects.requireNonNull(createdAt);
		this.updatedAt = Objects.requireNonNull(updatedAt);
		this.version = version;
		this.persistedVersion = version;
		this.componentIds = new LinkedHashSet<>(componentIds);
		this.updates = new ArrayList<>(updates);
	}

	/**
	 * A person declares an incident (through the API); {@code status} must not be
	 * resolved.
	 */
	public static Incident declare(UUID applicationId, String title, IncidentStatus status, Impact impact, String body,
			Collection<UUID> componentIds, Instant now) {
		if (status == IncidentStatus.RESOLVED) {
			throw new IllegalArgumentException("A new incident cannot start resolved");
		}
		return open(applicationId, title, Source.DECLARED, status, impact, componentIds, body, now);
	}

	/**
	 * The service detected a failing component: an incident under investigation that
	 * affects it.
	 */
	public static Incident detect(UUID applicationId, String title, Impact impact, UUID componentId, String body,
			Instant now) {
		return open(applicationId, title, Source.DETECTED, IncidentStatus.INVESTIGATING, impact, List.of(componentId),
				body, now);
	}

	private static Incident open(UUID applicationId, String title, Source source, IncidentStatus status, Impact impact,
			Collection<UUID> componentIds, String body, Instant now) {
		Incident incident = new Incident(UUID.randomUUID(), applicationId, title, source, status, impact, now, null,
				now, now, 0, componentIds, List.of());
		incident.record(Change.OPENED, body, now);
		return incident;
	}

	/**
	 * An incident as it was stored; {@code updates} newest first, {@code componentIds} in
	 * joining order.
	 */
	public static Incident restore(UUID id, UUID applicationId, String title, Source source, IncidentStatus status,
			Impact impact, Instant startedAt, Instant resolvedAt, Instant createdAt, Instant updatedAt, long version,
			List<UUID> componentIds, List<IncidentUpdate> updates) {
		return new Incident(id, applicationId, title, source, status, impact, startedAt, resolvedAt, createdAt,
				updatedAt, version, componentIds, updates);
	}

	/**
	 * Posts an update. The status may stay or move forward (jumps allowed), never back;
	 * moving to resolved resolves the incident. A null {@code newImpact} keeps the
	 * impact; a given one replaces it either way, since it is a person's judgement.
	 */
	public IncidentChanged addUpdate(IncidentStatus next, String body, Impact newImpact, Instant now) {
		requireOpen("cannot be updated");
		if (next.isBefore(this.status)) {
			throw new IllegalIncidentTransitionException(this.id, this.status, "cannot go back to " + next.value());
		}
		if (newImpact != null) {
			this.impact = newImpact;
		}
		if (next == IncidentStatus.RESOLVED) {
			return resolve(body, now);
		}
		this.status = next;
		return record(Change.UPDATED, body, now);
	}

	/** Resolves the incident: it no longer affects anyone. */
	public IncidentChanged resolve(String body, Instant now) {
		requireOpen("cannot be resolved again");
		this.status = IncidentStatus.RESOLVED;
		this.resolvedAt = now;
		return record(Change.RESOLVED, body, now);
	}

	/**
	 * A component is failing with the given impact: it joins the incident if it is new,
	 * and the incident's impact rises to match. The impact never falls here, because
	 * another affected component may still be down; a person lowers it with
	 * {@link #addUpdate}.
	 */
	public IncidentChanged affect(UUID componentId, Impact componentImpact, String body, Instant now) {
		requireOpen("cannot be changed");
		this.componentIds.add(componentId);
		if (componentImpact.isWorseThan(this.impact)) {
			this.impact = componentImpact;
		}
		return record(Change.UPDATED, body, now);
	}

	private void requireOpen(String refusal) {
		if (!isOpen()) {
			throw new IllegalIncidentTransitionException(this.id, this.status, refusal);
		}
	}

	private IncidentChanged record(Change change, String body, Instant now) {
		IncidentUpdate update = new IncidentUpdate(UUID.randomUUID(), this.status, body, now);
		this.updates.add(0, update);
		this.unsavedUpdates.add(update);
		this.updatedAt = now;
		this.version++;
		IncidentChanged event = new IncidentChanged(UUID.randomUUID(), now, change, snapshot(), update.toEvent());
		this.changes.add(event);
		return event;
	}

	private IncidentChanged.Incident snapshot() {
		return new IncidentChanged.Incident(this.id, this.applicationId, this.title, this.status.value(),
				this.impact.value(), List.copyOf(this.componentIds), this.startedAt, this.resolvedAt, this.version);
	}

	public boolean isOpen() {
		return this.status != IncidentStatus.RESOLVED;
	}

	public boolean affects(UUID componentId) {
		return this.componentIds.contains(componentId);
	}

	public UUID id() {
		return this.id;
	}

	public UUID applicationId() {
		return this.applicationId;
	}

	public String title() {
		return this.title;
	}

	public Source source() {
		return this.source;
	}

	public IncidentStatus status() {
		return this.status;
	}

	public Impact impact() {
		return this.impact;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

	public Instant resolvedAt() {
		return this.resolvedAt;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public long version() {
		return this.version;
	}

	/** The affected components, in the order they joined. */
	public List<UUID> componentIds() {
		return List.copyOf(this.componentIds);
	}

	/** The timeline, newest first. */
	public List<IncidentUpdate> updates() {
		return List.copyOf(this.updates);
	}

	/** The version this incident had when it was loaded; 0 for a new incident. */
	public long persistedVersion() {
		return this.persistedVersion;
	}

	/** Updates added since the incident was loaded, oldest first. */
	public List<IncidentUpdate> unsavedUpdates() {
		return List.copyOf(this.unsavedUpdates);
	}

	/** The events of the changes made since the incident was loaded, oldest first. */
	public List<IncidentChanged> changes() {
		return List.copyOf(this.changes);
	}

}
