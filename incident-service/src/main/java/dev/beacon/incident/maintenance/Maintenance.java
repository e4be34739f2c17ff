package dev.beacon.incident.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.MaintenanceChanged.Change;

/**
 * A scheduled maintenance. It moves forward only — scheduled, in progress, verifying,
 * completed — by hand or on time ({@link #advance}); a completed one cannot change. Every
 * change raises the version and records the {@link MaintenanceChanged} event to publish;
 * an illegal one throws {@link IllegalMaintenanceTransitionException} naming the current
 * status.
 */
public final class Maintenance {

	private final UUID id;

	private final UUID applicationId;

	private final Instant createdAt;

	private final long persistedVersion;

	private String title;

	private String body;

	private MaintenanceStatus status;

	private List<UUID> componentIds;

	private Instant scheduledFor;

	private Instant scheduledUntil;

	private Instant startedAt;

	private Instant completedAt;

	private Instant updatedAt;

	private long version;

	private final List<MaintenanceChanged> changes = new ArrayList<>();

	private Maintenance(Stored stored) {
		this.id = Objects.requireNonNull(stored.id());
		this.applicationId = Objects.requireNonNull(stored.applicationId());
		this.title = Objects.requireNonNull(stored.title());
		this.body = Objects.requireNonNull(stored.body());
		this.status = Objects.requireNonNull(stored.status());
		this.componentIds = List.copyOf(stored.componentIds());
		this.scheduledFor = Objects.requireNonNull(stored.scheduledFor());
		this.scheduledUntil = Objects.requireNonNull(stored.scheduledUntil());
		this.startedAt = stored.startedAt();
		this.completedAt = stored.completedAt();
		this.createdAt = Objects.requireNonNull(stored.createdAt());
		this.updatedAt = Objects.requireNonNull(stored.updatedAt());
		this.version = stored.version();
		this.persistedVersion = stored.version();
	}

	/**
	 * Schedules a maintenance; one whose start has passed starts at once (see
	 * {@link #advance}).
	 */
	public static Maintenance schedule(UUID applicationId, String title, String body, List<UUID> componentIds,
			Instant scheduledFor, Instant scheduledUntil, Instant now) {
		requireOrdered(scheduledFor, scheduledUntil);
		Maintenance maintenance = new Maintenance(new Stored(UUID.randomUUID(), applicationId, title, body,
				MaintenanceStatus.SCHEDULED, componentIds, scheduledFor, scheduledUntil, null, null, now, now, 0));
		maintenance.record(Change.SCHEDULED, now);
		maintenance.advance(now);
		return maintenance;
	}

	public static Maintenance restore(Stored stored) {
		return new Maintenance(stored);
	}

	/**
	 * Keeps the schedule: starts a scheduled maintenance whose start has come, and
	 * completes an active one whose end has come (both at once for a window that passed
	 * while the service was down). Emits whether anything changed.
	 */
	public boolean advance(Instant now) {
		boolean changed = false;
		if (this.status == MaintenanceStatus.SCHEDULED && !now.isBefore(this.scheduledFor)) {
			start(now);
			changed = true;
		}
		if (this.status.isActive() && !now.isBefore(this.scheduledUntil)) {
			complete(now);
			changed = true;
		}
		return changed;
	}

	/**
	 * A person's change: new details (null keeps each) and/or a new status (forward only:
	 * in progress starts early, completed completes early). The start can move only while
	 * scheduled; the end can move (extend or shorten) until completed.
	 */
	public void revise(Revision revision, Instant now) {
		if (this.status == MaintenanceStatus.COMPLETED) {
			throw new IllegalMaintenanceTransitionException(this.id, this.status, "cannot be changed");
		}
		if (revision.status() != null && revision.status().compareTo(this.status) < 0) {
			throw new IllegalMaintenanceTransitionException(this.id, this.status,
					"cannot go back to " + revision.status().value());
		}
		boolean startMoves = revision.scheduledFor() != null && !revision.scheduledFor().equals(this.scheduledFor);
		if (startMoves && this.status != MaintenanceStatus.SCHEDULED) {
			throw new IllegalMaintenanceTransitionException(this.id, this.status, "cannot move its start any more");
		}
		Instant newStart = startMoves ? revision.scheduledFor() : this.scheduledFor;
		Instant newEnd = (revision.scheduledUntil() != null) ? revision.scheduledUntil() : this.scheduledUntil;
		requireOrdered(newStart, newEnd);
		boolean details = revision.title() != null || revision.body() != null || revision.componentIds() != null
				|| !newStart.equals(this.scheduledFor) || !newEnd.equals(this.scheduledUntil);
		this.title = (revision.title() != null) ? revision.title() : this.title;
		this.body = (revision.body() != null) ? revision.body() : this.body;
		this.componentIds = (revision.componentIds() != null) ? List.copyOf(revision.componentIds())
				: this.componentIds;
		this.scheduledFor = newStart;
		this.scheduledUntil = newEnd;
		MaintenanceStatus target = (revision.status() != null) ? revision.status() : this.status;
		if (details) {
			record(Change.UPDATED, now);
		}
		if (target != this.status && this.status == MaintenanceStatus.SCHEDULED) {
			start(now);
		}
		if (target == MaintenanceStatus.VERIFYING && this.status == MaintenanceStatus.IN_PROGRESS) {
			this.status = MaintenanceStatus.VERIFYING;
			record(Change.UPDATED, now);
		}
		if (target == MaintenanceStatus.COMPLETED) {
			complete(now);
		}
		if (target != MaintenanceStatus.COMPLETED) {
			advance(now);
		}
	}

	private void start(Instant now) {
		this.status = MaintenanceStatus.IN_PROGRESS;
		this.startedAt = now;
		record(Change.STARTED, now);
	}

	private void complete(Instant now) {
		this.status = MaintenanceStatus.COMPLETED;
		this.completedAt = now;
		record(Change.COMPLETED, now);
	}

	private static void requireOrdered(Instant scheduledFor, Instant scheduledUntil) {
		if (!scheduledUntil.isAfter(scheduledFor)) {
			throw new InvalidScheduleException("scheduledUntil", "must be after scheduledFor");
		}
	}

	private void record(Change change, Instant now) {
		this.updatedAt = now;
		this.version++;
		this.changes.add(new MaintenanceChanged(UUID.randomUUID(), now, change,
				new MaintenanceChanged.Maintenance(this.id, this.applicationId, this.title, this.body,
						this.status.value(), this.componentIds, this.scheduledFor, this.scheduledUntil, this.startedAt,
						this.completedAt, this.version)));
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

	public String body() {
		return this.body;
	}

	public MaintenanceStatus status() {
		return this.status;
	}

	public List<UUID> componentIds() {
		return this.componentIds;
	}

	public Instant scheduledFor() {
		return this.scheduledFor;
	}

	public Instant scheduledUntil() {
		return this.scheduledUntil;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

	public Instant completedAt() {
		return this.completedAt;
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

	/** The version it had when it was loaded; 0 for a new one. */
	public long persistedVersion() {
		return this.persistedVersion;
	}

	/** The events of the changes made since it was loaded, oldest first. */
	public List<MaintenanceChanged> changes() {
		return List.copyOf(this.changes);
	}

	/** What a person asks to change; null leaves a part as it is. */
	public record Revision(String title, String body, List<UUID> componentIds, Instant scheduledFor,
			Instant scheduledUntil, MaintenanceStatus status) {
	}

	/** The stored fields of a maintenance. */
	public record Stored(UUID id, UUID applicationId, String title, String body, MaintenanceStatus status,
			List<UUID> componentIds, Instant scheduledFor, Instant scheduledUntil, Instant startedAt,
			Instant completedAt, Instant createdAt, Instant updatedAt, long version) {
	}

}
