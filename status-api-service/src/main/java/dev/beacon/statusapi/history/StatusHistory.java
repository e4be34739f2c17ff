package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads an application's history: its components' rollups and open intervals, bounded in
 * rows per component (the hours and 90 days asked for) whatever the probe rate, turned
 * into uptime, daily bars and response times. Rollups read are kept in memory (at most
 * {@code beacon.history.read-cache-buckets} buckets) and read again only when a mark of
 * their components moved.
 */
@Service
public class StatusHistory {

	/** Daily bars a page shows. */
	public static final int DAYS = 90;

	private static final int PAGE_HOURS = 24;

	private final HistoryStore store;

	/** Rollups read, kept while their components' marks stay (see {@link #read}). */
	private final Cache<ReadKey, Kept> kept;

	StatusHistory(HistoryStore store, HistoryProperties properties) {
		this.store = store;
		this.kept = Caffeine.newBuilder()
			.maximumWeight(properties.readCacheBuckets())
			.<ReadKey, Kept>weigher((key, kept) -> kept.buckets())
			.expireAfterWrite(properties.readCacheTtl())
			.build();
	}

	/** The application's history over {@code window}. */
	public Mono<ApplicationHistory> of(Application application, Window window) {
		ZoneId zone = ZoneId.of(application.page().timeZone());
		Instant now = Instant.now();
		// only the buckets the window shows: hours for 24h and 7d's hourly response
		// times, the window's days (today alone for 24h)
		int hoursRead = switch (window) {
			case H24 -> window.buckets();
			case D7 -> 7 * 24;
			default -> 0;
		};
		int dayCount = window.daily() ? window.buckets() : 1;
		return read(application, zone, now, hoursRead, dayCount).map((read) -> {
			List<Timeline> all = new ArrayList<>(read.timelines().values());
			List<ApplicationHistory.ComponentHistory> components = new ArrayList<>();
			for (Component component : application.components()) {
				Timeline timeline = read.timelines().get(component.id());
				List<Timeline> one = List.of(timeline);
				List<ResponsePoint> responses = null;
				if (component.httpCheck() != null) {
					responses = (window == Window.D7) ? HistoryReport.hourly(timeline, 7 * 24)
							: window.daily() ? HistoryReport.daily(timeline, window.buckets())
									: HistoryReport.hourly(timeline, window.buckets());
				}
				StatusTime time = HistoryReport.time(one, window);
				components.add(new ApplicationHistory.ComponentHistory(
						component.id(), component.name(), component.group(), time.uptimePercent(),
						HistoryReport.coverage(one, window), time, HistoryReport.days(one, zone, now, dayCount,
								read.incidents(), (incident) -> incident.componentIds().contains(component.id())),
						responses));
			}
			Timeline reference = new Timeline(Map.of(), Map.of(), null, zone, now);
			StatusTime total = HistoryReport.time(all, window);
			return new ApplicationHistory(application.id(), window.key(), zone.getId(), reference.start(window), now,
					total.uptimePercent(), HistoryReport.coverage(all, window), total,
					HistoryReport.days(all, zone, now, dayCount, read.incidents(), (incident) -> true), components);
		});
	}

	/** What the application's public page shows of its history. */
	public Mono<PageHistory> page(Application application) {
		ZoneId zone = ZoneId.of(application.page().timeZone());
		Instant now = Instant.now();
		return read(application, zone, now, PAGE_HOURS, DAYS).map((read) -> {
			Map<UUID, PageHistory.ComponentPart> components = new LinkedHashMap<>();
			for (Component component : application.components()) {
				Timeline timeline = read.timelines().get(component.id());
				List<Timeline> one = List.of(timeline);
				PageHistory.ResponseSeries responses = (component.httpCheck() != null) ? new PageHistory.ResponseSeries(
						HistoryReport.hourly(timeline, PAGE_HOURS), HistoryReport.daily(timeline, DAYS)) : null;
				components.put(component.id(),
						new PageHistory.ComponentPart(HistoryReport.uptime(one), HistoryReport.days(one, zone, now,
								DAYS, read.incidents(), (incident) -> incident.componentIds().contains(component.id())),
								responses));
			}
			List<Timeline> all = new ArrayList<>(read.timelines().values());
			return new PageHistory(HistoryReport.uptime(all),
					HistoryReport.days(all, zone, now, DAYS, read.incidents(), (incident) -> true), components);
		});
	}

	/**
	 * Reads the last {@code hours} hours (none: 0) and {@code days} days of the
	 * application's components, with the incidents of those days. The rollups read are
	 * kept (per application, zone and range) with the components' marks read before them,
	 * and used again while the marks have not moved: then they are still what is stored
	 * ({@link HistoryStore#marks}), so figures are the same as from a fresh read. The
	 * open intervals (and so the time up to now) and incidents are read every time.
	 */
	private Mono<Read> read(Application application, ZoneId zone, Instant now, int hours, int days) {
		List<UUID> ids = application.components().stream().map(Component::id).toList();
		Instant hoursFrom = (hours > 0) ? now.truncatedTo(ChronoUnit.HOURS).minus(hours - 1L, ChronoUnit.HOURS) : null;
		LocalDate daysFrom = LocalDate.ofInstant(now, zone).minusDays(days - 1L);
		Instant incidentsFrom = Buckets.startOf(daysFrom, zone);
		ReadKey key = new ReadKey(application.id(), zone.getId(), hoursFrom, daysFrom);
		return Mono.zip(this.store.marks(ids), this.store.incidents(application.id(), incidentsFrom).collectList())
			.flatMap((parts) -> stored(key, ids, zone, parts.getT1()).map((stored) -> {
				Map<UUID, Timeline> timelines = new LinkedHashMap<>();
				for (UUID id : ids) {
					// every component has its stored history, empty if it has none
					HistoryStore.StoredHistory history = stored.get(id);
					HistoryStore.Mark mark = parts.getT1().get(id);
					OpenInterval open = (mark != null) ? mark.open() : null;
					timelines.put(id, new Timeline(history.hours(), history.days(), open, zone, now));
				}
				return new Read(timelines, parts.getT2());
			}));
	}

	/**
	 * The rollups of {@code key}: those kept for each component whose mark is as it was
	 * when they were read; the others read again (after {@code marks}, so that a change
	 * committed meanwhile shows in the next marks and is read then) and kept. A status
	 * change of one component reads that component's rollups alone.
	 */
	private Mono<Map<UUID, HistoryStore.StoredHistory>> stored(ReadKey key, List<UUID> ids, ZoneId zone,
			Map<UUID, HistoryStore.Mark> marks) {
		Kept kept = this.kept.getIfPresent(key);
		List<UUID> changed = new ArrayList<>();
		for (UUID id : ids) {
			if (kept == null || !kept.stored().containsKey(id)
					|| !Objects.equals(kept.marks().get(id), marks.get(id))) {
				changed.add(id);
			}
		}
		if (changed.isEmpty()) {
			return Mono.just(kept.stored());
		}
		return this.store.read(changed, zone, key.hoursFrom(), key.daysFrom()).flatMap((found) -> {
			// days cut in another zone (the page's zone changed): rebuild them once, then
			// read again (not kept: the rebuild moved the marks, the next read keeps)
			List<UUID> rebuild = found.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().otherZone())
				.map(Map.Entry::getKey)
				.toList();
			if (rebuild.isEmpty()) {
				Map<UUID, HistoryStore.StoredHistory> stored = new HashMap<>();
				for (UUID id : ids) {
					stored.put(id, found.containsKey(id) ? found.get(id) : kept.stored().get(id));
				}
				this.kept.put(key, new Kept(marks, stored));
				return Mono.just(stored);
			}
			return Flux.fromIterable(rebuild)
				.concatMap((id) -> this.store.rebuildDays(id, zone))
				.then(this.store.read(ids, zone, key.hoursFrom(), key.daysFrom()));
		});
	}

	private record Read(Map<UUID, Timeline> timelines, List<IncidentSpan> incidents) {
	}

	/** Which rollups a read asks for. */
	private record ReadKey(UUID applicationId, String zone, Instant hoursFrom, LocalDate daysFrom) {
	}

	/** Each component's rollups, read after its mark in {@code marks} was as given. */
	private record Kept(Map<UUID, HistoryStore.Mark> marks, Map<UUID, HistoryStore.StoredHistory> stored) {

		int buckets() {
			int buckets = 1;
			for (HistoryStore.StoredHistory history : this.stored.values()) {
				buckets += history.hours().size() + history.days().size();
			}
			return buckets;
		}

	}

}
