package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads an application's history: its components' rollups and open intervals, bounded in
 * rows per component (the hours and 90 days asked for) whatever the probe rate, turned
 * into uptime, daily bars and response times.
 */
@Service
public class StatusHistory {

	/** Daily bars a page shows. */
	public static final int DAYS = 90;

	private static final int PAGE_HOURS = 24;

	private final HistoryStore store;

	StatusHistory(HistoryStore store) {
		this.store = store;
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
	 * application's components, with the incidents of those days.
	 */
	private Mono<Read> read(Application application, ZoneId zone, Instant now, int hours, int days) {
		List<UUID> ids = application.components().stream().map(Component::id).toList();
		Instant hoursFrom = (hours > 0) ? now.truncatedTo(ChronoUnit.HOURS).minus(hours - 1L, ChronoUnit.HOURS) : null;
		LocalDate daysFrom = LocalDate.ofInstant(now, zone).minusDays(days - 1L);
		Instant incidentsFrom = Buckets.startOf(daysFrom, zone);
		Mono<Map<UUID, HistoryStore.StoredHistory>> stored = this.store.read(ids, zone, hoursFrom, daysFrom)
			.flatMap((found) -> {
				// days cut in another zone (the page's zone changed): rebuild them once,
				// then read again
				List<UUID> rebuild = found.entrySet()
					.stream()
					.filter((entry) -> entry.getValue().otherZone())
					.map(Map.Entry::getKey)
					.toList();
				if (rebuild.isEmpty()) {
					return Mono.just(found);
				}
				return Flux.fromIterable(rebuild)
					.concatMap((id) -> this.store.rebuildDays(id, zone))
					.then(this.store.read(ids, zone, hoursFrom, daysFrom));
			});
		return Mono.zip(stored, this.store.incidents(application.id(), incidentsFrom).collectList()).map((parts) -> {
			Map<UUID, Timeline> timelines = new LinkedHashMap<>();
			for (UUID id : ids) {
				HistoryStore.StoredHistory history = parts.getT1().get(id);
				timelines.put(id,
						(history != null) ? new Timeline(history.hours(), history.days(), history.open(), zone, now)
								: new Timeline(Map.of(), Map.of(), null, zone, now));
			}
			return new Read(timelines, parts.getT2());
		});
	}

	private record Read(Map<UUID, Timeline> timelines, List<IncidentSpan> incidents) {
	}

}
