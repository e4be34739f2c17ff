package dev.beacon.incident.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;

/**
 * An incident and its timeline. Every method that changes it checks that its current
 * status allows the change, raises the version by one and records the
 * {@link IncidentChanged} event to publish (most also add one update to the timeline); an
 * illegal change throws {@link IllegalIncidentTransitionException} and leaves the
 * incident as it was.
 */
public final class Incident {

	private final UUID id;

	private final UUID applicationId;

	private final Source source;

	private final Instant startedAt;

	private final Instant createdAt;

	private final long persistedVersion;

	private String title;

	private IncidentStatus status;

	private Impact impact;

	private Instant resolvedAt;

	private Instant updatedAt;

	private long version;

	private String postmortem;

	private final LinkedHashMap<UUID, ComponentStatus> components;

	private final List<IncidentUpdate> updates;

	private final List<IncidentUpdate> unsavedUpdates = new ArrayList<>();

	private final List<IncidentChanged> changes = new ArrayList<>();

	private Incident(Snapshot snapshot, Map<UUID, ComponentStatus> components, List<IncidentUpdate> updates) {
		this.id = Objects.requireNonNull(snapshot.id());
		this.applicationId = Objects.requireNonNull(snapshot.applicationId());
		this.title = Objects.requireNonNull(snapshot.title());
		this.source = Objects.requireNonNull(snapshot.source());
		this.status = Objects.requireNonNull(snapshot.status());
		this.impact = Objects.requireNonNull(snapshot.impact());
		this.startedAt = Objects.requireNonNull(snapshot.startedAt());
		this.resolvedAt = snapshot.resolvedAt();
		this.createdAt = Objects.requireNonNull(snapshot.createdAt());
		this.updatedAt = Objects.requireNonNull(snapshot.updatedAt());
		this.version = snapshot.version();
		this.persistedVersion = snapshot.version();
		this.postmortem = snapshot.postmortem();
		this.components = new LinkedHashMap<>(components);
		this.updates = new ArrayList<>(updates);
	}

	/**
	 * A person declares an incident (through the API); {@code status} must not be
	 * resolved. {@code components} maps each affected component to the status to show for
	 * it, in order.
	 */
	public static Incident declare(UUID applicationId, String title, IncidentStatus status, Impact impact, String body,
			Map<UUID, ComponentStatus> components, Instant now) {
		if (status == IncidentStatus.RESOLVED) {
			throw new IllegalArgumentException("A new incident cannot start resolved");
		}
		return open(applicationId, title, Source.DECLARED, status, impact, components, body, now);
	}

	/**
	 * The service detected failing components: an incident under investigation that
	 * affects them, each with its status.
	 */
	public static Incident detect(UUID applicationId, String title, Impact impact,
			Map<UUID, ComponentStatus> components, String body, Instant now) {
		return open(applicationId, title, Source.DETECTED, IncidentStatus.INVESTIGATING, impact, components, body, now);
	}

	private static Incident open(UUID applicationId, String title, Source source, IncidentStatus status, Impact impact,
			Map<UUID, ComponentStatus> components, String body, Instant now) {
		Incident incident = new Incident(new Snapshot(UUID.randomUUID(), applicationId, title, source, status, impact,
				now, null, now, now, 0, null), components, List.of());
		incident.record(Change.OPENED, body, now);
		return incident;
	}

	/**
	 * An incident as it was stored; {@code updates} newest first, {@code components} in
	 * joining order.
	 */
	public static Incident restore(Snapshot snapshot, Map<UUID, ComponentStatus> components,
			List<IncidentUpdate> updates) {
		return new Incident(snapshot, components, updates);
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

	/**
	 * Changes the title and/or the impact (null keeps either) without a timeline entry:
	 * an edit, not news. Allowed in every status, so a resolved incident's record can be
	 * corrected.
	 */
	public IncidentChanged edit(String newTitle, Impact newImpact, Instant now) {
		if (newTitle != null) {
			this.title = newTitle;
		}
		if (newImpact != null) {
			this.impact = newImpact;
		}
		return record(Change.UPDATED, null, now);
	}

	/** Adds or replaces the postmortem; only a resolved incident has one. */
	public IncidentChanged writePostmortem(String text, Instant now) {
		if (isOpen()) {
			throw new IllegalIncidentTransitionException(this.id, this.status,
					"cannot have a postmortem before it is resolved");
		}
		this.postmortem = text;
		return record(Change.UPDATED, null, now);
	}

	/**
	 * Reopens a resolved declared incident: investigating again, with an update saying
	 * why. Detected incidents are reopened by detection itself (a relapse within the hold
	 * period), never by hand.
	 */
	public IncidentChanged reopen(String body, Instant now) {
		if (isOpen()) {
			throw new IllegalIncidentTransitionException(this.id, this.status,
					"cannot be reopened: it is not resolved");
		}
		if (this.source != Source.DECLARED) {
			throw new IllegalIncidentTransitionException(this.id, this.status,
					"cannot be reopened by hand: it was detected");
		}
		this.status = IncidentStatus.INVESTIGATING;
		this.resolvedAt = null;
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
	 * Detection saw the affected components change: {@code statuses} are the statuses to
	 * show (new components join), the impact rises to {@code worst} if that is worse (it
	 * never falls: it is the worst seen), and the incident moves to {@code next} — any
	 * status, since a relapse during monitoring is investigated again — with an update
	 * saying what changed. Only for detected incidents.
	 */
	public IncidentChanged detected(IncidentStatus next, Map<UUID, ComponentStatus> statuses, Impact worst, String body,
			Instant now) {
		requireOpen("cannot be changed");
		if (this.source != Source.DETECTED) {
			throw new IllegalStateException("Detection changes only detected incidents");
		}
		this.components.putAll(statuses);
		if (worst.isWorseThan(this.impact)) {
			this.impact = worst;
		}
		if (next == IncidentStatus.RESOLVED) {
			return resolve(body, now);
		}
		this.status = next;
		return record(Change.UPDATED, body, now);
	}

	private void requireOpen(String refusal) {
		if (!isOpen()) {
			throw new IllegalIncidentTransitionException(this.id, this.status, refusal);
		}
	}

	/**
	 * Records a change; a null {@code body} adds no update (the event repeats the
	 * newest).
	 */
	private IncidentChanged record(Change change, String body, Instant now) {
		IncidentUpdate update = null;
		if (body != null) {
			update = new IncidentUpdate(UUID.randomUUID(), this.status, body, now);
			this.updates.add(0, update);
			this.unsavedUpdates.add(update);
		}
		else if (!this.updates.isEmpty()) {
			update = this.updates.get(0);
		}
		this.updatedAt = now;
		this.version++;
		IncidentChanged event = new IncidentChanged(UUID.randomUUID(), now, change, snapshot(),
				(update != null) ? update.toEvent() : null);
		this.changes.add(event);
		return event;
	}

	private IncidentChanged.Incident snapshot() {
		List<IncidentChanged.AffectedComponent> affected = this.components.entrySet()
			.stream()
			.map((entry) -> new IncidentChanged.AffectedComponent(entry.getKey(), entry.getValue()))
			.toList();
		return new IncidentChanged.Incident(this.id, this.applicationId, this.title, this.status.value(),
				this.impact.value(), List.copyOf(this.components.keySet()), this.startedAt, this.resolvedAt,
				this.version, this.source.value(), affected, this.postmortem);
	}

	public boolean isOpen() {
		return this.status != IncidentStatus.RESOLVED;
	}

	public boolean affects(UUID componentId) {
		return this.components.containsKey(componentId);
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

	public String postmortem() {
		return this.postmortem;
	}

	/** The affected components, in the order they joined. */
	public List<UUID> componentIds() {
		return List.copyOf(this.components.keySet());
	}

	/** The status shown for each affected component, in joining order. */
	public Map<UUID, ComponentStatus> components() {
		return new LinkedHashMap<>(this.components);
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

	/** The stored fields of an incident, as {@link #restore} takes them. */
	public record Snapshot(UUID id, UUID applicationId, String title, Source source, IncidentStatus status,
			Impact impact, Instant startedAt, Instant resolvedAt, Instant createdAt, Instant updatedAt, long version,
			String postmortem) {
	}

}
