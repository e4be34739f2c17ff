package dev.beacon.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * The verdict of a run: each promise of issue 5 as figures, printed as a report and
 * asserted. Every check compares what happened (the topics, the tables, the webhooks
 * received, the pages seen) with what must follow from what the targets did.
 */
final class FaultFigures {

	/**
	 * How long a page may go on showing a status that is no longer true: the failed
	 * probes that confirm an outage, plus the freshness limit (3 probe intervals) after
	 * which no data means {@code unknown}, plus 2 s for the request and the pipeline.
	 */
	static final Duration DETECTION_WINDOW = Duration
		.ofSeconds((MonitoredApplication.FAILURE_THRESHOLD + 3L) * MonitoredApplication.INTERVAL_SECONDS + 2);

	private final StringBuilder report = new StringBuilder();

	private final SoftAssertions softly = new SoftAssertions();

	private final Instant origin;

	FaultFigures(Instant origin) {
		this.origin = origin;
	}

	void header(FaultSettings settings, Instant start, Instant end) {
		line("Fault-injection system test: seed %d, faults for %s, PostgreSQL stopped %d s each time", settings.seed(),
				settings.length(), settings.postgresStop().toSeconds());
		line("Run: %s to %s; detection window %d s", start, end, DETECTION_WINDOW.toSeconds());
	}

	void faults(FaultLog log, List<ServiceProcess> services, List<PageWatcher.Sample> samples) {
		section("Faults injected (ready: the part answers its readiness probe again; fresh: every page shows"
				+ " fresh data again)");
		for (FaultLog.Fault fault : log.faults()) {
			Duration down = fault.downtime();
			Duration flowing = freshAgain(fault, samples);
			line("  t=%6.1f s  %-22s ready after %7s, fresh after %7s", seconds(fault.start()), fault.what(),
					(down != null) ? String.format("%.1f s", down.toMillis() / 1000.0) : "never",
					(flowing != null) ? String.format("%.1f s", flowing.toMillis() / 1000.0) : "never");
		}
		for (ServiceProcess service : services) {
			if (!service.exits().isEmpty()) {
				line("  %s also exited by itself %d time(s) (exit codes %s) and was started again",
						service.service().id(), service.exits().size(), service.exits());
			}
		}
	}

	void observations(FaultEvidence evidence) {
		section("Observations: published by the collector vs stored in status_checks");
		Map<UUID, JsonNode> published = new LinkedHashMap<>();
		evidence.observations().forEach((m) -> published.putIfAbsent(uuid(m.value(), "eventId"), m.value()));
		Set<UUID> missing = new HashSet<>(published.keySet());
		missing.removeAll(evidence.storedChecks());
		Set<UUID> unexpected = new HashSet<>(evidence.storedChecks());
		unexpected.removeAll(published.keySet());
		line("  published records %d, distinct event ids %d", evidence.observations().size(), published.size());
		line("  status_checks rows %d, distinct event ids %d", evidence.storedCheckRows(),
				evidence.storedChecks().size());
		line("  missing from status_checks %d, in status_checks but never published %d", missing.size(),
				unexpected.size());
		missing.stream()
			.map(published::get)
			.sorted((a, b) -> a.path("observedAt").asString().compareTo(b.path("observedAt").asString()))
			.limit(10)
			.forEach((o) -> line("    missing: observed at t=%.1f s, application %s, http %s, error %s",
					seconds(Instant.parse(o.path("observedAt").asString())), o.path("applicationId").asString(),
					o.path("httpStatus").asString("-"), o.path("error").asString("-")));
		this.softly.assertThat(missing).as("observations published but not in status_checks").isEmpty();
		this.softly.assertThat(unexpected).as("status_checks rows that no published observation explains").isEmpty();
		this.softly.assertThat(evidence.storedCheckRows())
			.as("status_checks rows (each observation exactly once)")
			.isEqualTo(evidence.storedChecks().size());
	}

	void incidents(FaultEvidence evidence, List<MonitoredApplication> applications) {
		section("Incidents: one per outage episode, opened once, resolved");
		line("  %-8s %9s %9s %9s %11s %13s %15s", "page", "episodes", "incidents", "resolved", "unresolved",
				"opened twice", "resolved twice");
		for (MonitoredApplication application : applications) {
			List<TopicReader.Message> observed = evidence.observations()
				.stream()
				.filter((m) -> application.id().equals(uuid(m.value(), "applicationId")))
				.toList();
			OutageReplay.Result replay = OutageReplay.of(observed);
			List<FaultEvidence.IncidentRow> incidents = evidence.incidents()
				.stream()
				.filter((i) -> i.applicationId().equals(application.id()) && "detected".equals(i.source()))
				.toList();
			long resolved = incidents.stream().filter((i) -> "resolved".equals(i.status())).count();
			Map<UUID, Map<String, Set<UUID>>> events = incidentEvents(evidence, application.id());
			List<UUID> openedTwice = events.entrySet()
				.stream()
				.filter((e) -> e.getValue().getOrDefault("opened", Set.of()).size() > 1)
				.map(Map.Entry::getKey)
				.toList();
			List<UUID> resolvedTwice = events.entrySet()
				.stream()
				.filter((e) -> e.getValue().getOrDefault("resolved", Set.of()).size() > 1)
				.map(Map.Entry::getKey)
				.toList();
			List<UUID> neverOpened = incidents.stream()
				.map(FaultEvidence.IncidentRow::id)
				.filter((id) -> events.getOrDefault(id, Map.of()).getOrDefault("opened", Set.of()).isEmpty())
				.toList();
			line("  %-8s %9d %9d %9d %11d %13d %15d", application.slug(), replay.episodes(), incidents.size(), resolved,
					incidents.size() - resolved, openedTwice.size(), resolvedTwice.size());
			this.softly.assertThat(incidents.size())
				.as("%s: detected incidents vs outage episodes in the published observations", application.slug())
				.isEqualTo(replay.episodes());
			this.softly.assertThat(incidents)
				.as("%s: incidents left unresolved", application.slug())
				.allMatch((i) -> "resolved".equals(i.status()));
			this.softly.assertThat(openedTwice).as("%s: incidents opened twice", application.slug()).isEmpty();
			this.softly.assertThat(resolvedTwice).as("%s: incidents resolved twice", application.slug()).isEmpty();
			this.softly.assertThat(neverOpened)
				.as("%s: incidents without an 'opened' event", application.slug())
				.isEmpty();
		}
	}

	void notifications(FaultEvidence evidence, List<MonitoredApplication> applications,
			List<WebhookReceiver.Delivery> received) {
		section("Notifications: every incident event to every subscriber exactly once (by event id)");
		line("  %-10s %7s %9s %9s %8s %11s %15s", "subscriber", "events", "received", "distinct", "missing",
				"unexpected", "delivery ids≠1");
		for (MonitoredApplication application : applications) {
			Set<UUID> expected = incidentEvents(evidence, application.id()).values()
				.stream()
				.flatMap((byChange) -> byChange.values().stream())
				.flatMap(Set::stream)
				.collect(Collectors.toSet());
			for (String subscriber : application.subscribers()) {
				// component_update webhooks (status changes) are checked below, apart
				List<WebhookReceiver.Delivery> mine = received.stream()
					.filter((d) -> d.subscriber().equals(subscriber) && !isComponentUpdate(d))
					.toList();
				Map<UUID, Set<String>> deliveryIds = new LinkedHashMap<>();
				mine.forEach((d) -> deliveryIds.computeIfAbsent(UUID.fromString(d.eventId()), (k) -> new HashSet<>())
					.add(d.deliveryId()));
				Set<UUID> missing = new HashSet<>(expected);
				missing.removeAll(deliveryIds.keySet());
				Set<UUID> unexpected = new HashSet<>(deliveryIds.keySet());
				unexpected.removeAll(expected);
				long inconsistent = deliveryIds.values().stream().filter((ids) -> ids.size() != 1).count();
				line("  %-10s %7d %9d %9d %8d %11d %15d", subscriber, expected.size(), mine.size(), deliveryIds.size(),
						missing.size(), unexpected.size(), inconsistent);
				this.softly.assertThat(missing).as("%s: incident events never delivered", subscriber).isEmpty();
				this.softly.assertThat(unexpected)
					.as("%s: deliveries of events not on the incidents topic", subscriber)
					.isEmpty();
				this.softly.assertThat(inconsistent)
					.as("%s: events delivered under more than one delivery id (a receiver could not dedupe)",
							subscriber)
					.isZero();
			}
		}
		Map<String, Set<String>> updateDeliveries = new LinkedHashMap<>();
		received.stream()
			.filter(FaultFigures::isComponentUpdate)
			.forEach((d) -> updateDeliveries.computeIfAbsent(d.subscriber() + " " + d.eventId(), (k) -> new HashSet<>())
				.add(d.deliveryId()));
		long repeatedUnderAnotherId = updateDeliveries.values().stream().filter((ids) -> ids.size() != 1).count();
		line("  component_update webhooks: %d received, %d distinct (subscriber, event), %d under more than one "
				+ "delivery id", received.stream().filter(FaultFigures::isComponentUpdate).count(),
				updateDeliveries.size(), repeatedUnderAnotherId);
		this.softly.assertThat(repeatedUnderAnotherId)
			.as("component updates delivered under more than one delivery id")
			.isZero();
	}

	private static boolean isComponentUpdate(WebhookReceiver.Delivery delivery) {
		return "component.updated".equals(delivery.type());
	}

	void page(List<PageWatcher.Sample> samples, List<MonitoredApplication> applications, Targets targets, FaultLog log,
			FaultEvidence evidence) {
		section("Public page, read through the gateway about every second");
		Map<Integer, Long> byHttpStatus = samples.stream()
			.collect(Collectors.groupingBy(PageWatcher.Sample::httpStatus, java.util.TreeMap::new,
					Collectors.counting()));
		Map<String, Long> shown = samples.stream()
			.flatMap((s) -> s.statuses().values().stream())
			.collect(Collectors.groupingBy((s) -> s, java.util.TreeMap::new, Collectors.counting()));
		line("  reads %d; by HTTP status (0 = no answer) %s", samples.size(), byHttpStatus);
		line("  component statuses shown %s", shown);
		long serverErrors = samples.stream().filter((s) -> s.httpStatus() >= 500).count();
		line("  answered 5xx %d times (not asserted here: serving pages while status-api or the database is down"
				+ " is the gateway's materialized page of the architecture, not issue 5)", serverErrors);
		List<String> operationalWhileDown = new ArrayList<>();
		List<String> outageWhileUp = new ArrayList<>();
		List<String> staleWhileBroken = new ArrayList<>();
		List<Window> broken = brokenPipeline(log, evidence);
		for (PageWatcher.Sample sample : samples) {
			for (MonitoredApplication application : applications) {
				String status = sample.statuses().get(application.componentName());
				if (status == null) {
					continue;
				}
				Targets.Target target = targets.get(application.target());
				Instant from = sample.sent().minus(DETECTION_WINDOW);
				String where = String.format("t=%.1f s %s showed %s (%s)", seconds(sample.sent()), application.slug(),
						status, latestFault(log, sample.sent()));
				if ("operational".equals(status) && target.downThroughout(from, sample.received())) {
					operationalWhileDown.add(where + ", target down since t=" + downSince(target, sample.sent()));
				}
				if ("outage".equals(status) && target.upThroughout(from, sample.received())) {
					outageWhileUp.add(where + ", target up all along");
				}
				if (!"unknown".equals(status)) {
					broken.stream()
						.filter((w) -> w.contains(sample.sent()))
						.findFirst()
						.ifPresent((w) -> staleWhileBroken.add(where + " while " + w.what()));
				}
			}
		}
		line("  operational shown for a target down longer than the detection window: %d", operationalWhileDown.size());
		operationalWhileDown.stream().limit(10).forEach((s) -> line("    %s", s));
		line("  outage shown for a target up longer than the detection window: %d", outageWhileUp.size());
		outageWhileUp.stream().limit(10).forEach((s) -> line("    %s", s));
		line("  a status other than unknown shown while the pipeline was broken: %d", staleWhileBroken.size());
		staleWhileBroken.stream().limit(10).forEach((s) -> line("    %s", s));
		this.softly.assertThat(operationalWhileDown)
			.as("pages that showed operational for a target down longer than %s", DETECTION_WINDOW)
			.isEmpty();
		this.softly.assertThat(outageWhileUp)
			.as("pages that showed outage for a target up longer than %s", DETECTION_WINDOW)
			.isEmpty();
		this.softly.assertThat(staleWhileBroken)
			.as("pages that showed a stale status rather than unknown while the pipeline was broken")
			.isEmpty();
	}

	void leftovers(FaultEvidence evidence) {
		section("Dead letters, outbox backlog, deliveries");
		line("  dead-letter topics %s", evidence.deadLetters().isEmpty() ? "none" : evidence.deadLetters());
		line("  outbox rows left %s", evidence.outboxBacklog());
		line("  notifier deliveries by status %s", evidence.deliveries());
		long deadLetters = evidence.deadLetters().values().stream().mapToLong(Long::longValue).sum();
		this.softly.assertThat(deadLetters)
			.as("dead letters (this run sends no poison: every one is a lost event) %s", evidence.deadLetters())
			.isZero();
	}

	void logs(List<ServiceProcess> services) {
		section("What the services logged at WARN and ERROR (most frequent first)");
		for (ServiceProcess service : services) {
			Map<String, Long> problems = LogEvidence.problems(service.logs());
			line("  %s: %d distinct, %d lines", service.service().id(), problems.size(),
					problems.values().stream().mapToLong(Long::longValue).sum());
			problems.entrySet().stream().limit(8).forEach((e) -> line("    %5d× %s", e.getValue(), e.getKey()));
		}
	}

	/**
	 * From the fault until every page, read after the part was ready again, first showed
	 * no component as unknown; null if some page never did.
	 */
	private static Duration freshAgain(FaultLog.Fault fault, List<PageWatcher.Sample> samples) {
		if (fault.recoveredAt() == null) {
			return null;
		}
		Instant latest = fault.recoveredAt();
		Set<String> slugs = samples.stream().map(PageWatcher.Sample::slug).collect(Collectors.toSet());
		for (String slug : slugs) {
			Instant fresh = samples.stream()
				.filter((s) -> s.slug().equals(slug) && !s.sent().isBefore(fault.recoveredAt()))
				.filter((s) -> s.httpStatus() == 200 && !s.statuses().containsValue("unknown"))
				.map(PageWatcher.Sample::sent)
				.min(Instant::compareTo)
				.orElse(null);
			if (fresh == null) {
				return null;
			}
			latest = fresh.isAfter(latest) ? fresh : latest;
		}
		return Duration.between(fault.start(), latest);
	}

	String report() {
		return this.report.toString();
	}

	void assertAll() {
		this.softly.assertAll();
	}

	/**
	 * While the collector, the broker, PostgreSQL or status-api is down (once the
	 * detection window has passed), no fresh observation can reach the page. A restarted
	 * collector may probe before it answers its readiness probe: its window ends at its
	 * first observation, if that comes first.
	 */
	private static List<Window> brokenPipeline(FaultLog log, FaultEvidence evidence) {
		return log.faults()
			.stream()
			.filter((f) -> f.what().contains("collector") || f.what().contains("kafka") || f.what().contains("postgres")
					|| f.what().contains("status-api"))
			.map((f) -> {
				Instant to = (f.recoveredAt() != null) ? f.recoveredAt() : Instant.MAX;
				if (f.what().contains("collector")) {
					Instant firstObservation = firstObservationAfter(evidence, f.start());
					to = (firstObservation != null && firstObservation.isBefore(to)) ? firstObservation : to;
				}
				return new Window(f.what(), f.start().plus(DETECTION_WINDOW), to);
			})
			.toList();
	}

	/**
	 * The collector's time of its first observation made after {@code moment}, or null.
	 */
	private static Instant firstObservationAfter(FaultEvidence evidence, Instant moment) {
		return evidence.observations()
			.stream()
			.map((m) -> Instant.parse(m.value().path("observedAt").asString()))
			.filter((observedAt) -> observedAt.isAfter(moment))
			.min(Instant::compareTo)
			.orElse(null);
	}

	private record Window(String what, Instant from, Instant to) {

		boolean contains(Instant moment) {
			return !moment.isBefore(this.from) && moment.isBefore(this.to);
		}

	}

	/** Incident id → change → distinct event ids, for one application. */
	private static Map<UUID, Map<String, Set<UUID>>> incidentEvents(FaultEvidence evidence, UUID applicationId) {
		Map<UUID, Map<String, Set<UUID>>> events = new LinkedHashMap<>();
		for (TopicReader.Message message : evidence.incidentEvents()) {
			JsonNode incident = message.value().path("incident");
			if (applicationId.equals(uuid(incident, "applicationId"))) {
				events.computeIfAbsent(uuid(incident, "incidentId"), (k) -> new LinkedHashMap<>())
					.computeIfAbsent(message.value().path("change").asString("updated"), (k) -> new HashSet<>())
					.add(uuid(message.value(), "eventId"));
			}
		}
		return events;
	}

	private String downSince(Targets.Target target, Instant moment) {
		return target.outages()
			.stream()
			.filter((o) -> !o.from().isAfter(moment) && (o.to() == null || o.to().isAfter(moment)))
			.findFirst()
			.map((o) -> String.format("%.1f s", seconds(o.from())))
			.orElse("?");
	}

	private static UUID uuid(JsonNode node, String field) {
		String value = node.path(field).asString(null);
		return (value != null) ? UUID.fromString(value) : null;
	}

	/**
	 * The last fault that began before {@code moment}, with when it began and was back:
	 * so that a failure's one line says what it followed.
	 */
	private String latestFault(FaultLog log, Instant moment) {
		return log.faults()
			.stream()
			.filter((f) -> f.start().isBefore(moment))
			.reduce((first, second) -> second)
			.map((f) -> String.format("after %s at t=%.1f s, back at %s", f.what(), seconds(f.start()),
					(f.recoveredAt() != null) ? String.format("t=%.1f s", seconds(f.recoveredAt())) : "never"))
			.orElse("before the first fault");
	}

	private double seconds(Instant moment) {
		return Duration.between(this.origin, moment).toMillis() / 1000.0;
	}

	private void section(String title) {
		this.report.append(System.lineSeparator()).append(title).append(System.lineSeparator());
	}

	private void line(String format, Object... args) {
		this.report.append(String.format(format, args)).append(System.lineSeparator());
	}

}
