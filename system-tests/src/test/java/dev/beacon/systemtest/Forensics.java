package dev.beacon.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The raw material of a run, as CSV files beside the report, for whoever must find out
 * why a figure is off: every page read, every webhook received, every observation
 * published, every change of every target. Times are seconds since the faults began.
 */
final class Forensics {

	private Forensics() {
	}

	static void write(Path directory, Instant origin, List<PageWatcher.Sample> samples,
			List<WebhookReceiver.Delivery> deliveries, FaultEvidence evidence, Targets targets) throws IOException {
		List<String> pages = new ArrayList<>(List.of("sent_s,received_s,slug,http_status,statuses"));
		samples.stream()
			.sorted(Comparator.comparing(PageWatcher.Sample::sent))
			.forEach((s) -> pages.add(String.format("%.3f,%.3f,%s,%d,\"%s\"", seconds(origin, s.sent()),
					seconds(origin, s.received()), s.slug(), s.httpStatus(), s.statuses())));
		List<String> webhooks = new ArrayList<>(List.of("received_s,subscriber,type,event_id,delivery_id"));
		deliveries.forEach((d) -> webhooks.add(String.format("%.3f,%s,%s,%s,%s", seconds(origin, d.receivedAt()),
				d.subscriber(), d.type(), d.eventId(), d.deliveryId())));
		List<String> observations = new ArrayList<>(
				List.of("partition,offset,observed_s,application_id,http_status,error,event_id"));
		evidence.observations()
			.forEach((m) -> observations.add(String.format("%d,%d,%.3f,%s,%s,\"%s\",%s", m.partition(), m.offset(),
					seconds(origin, Instant.parse(m.value().path("observedAt").asString())),
					m.value().path("applicationId").asString(""), m.value().path("httpStatus").asString(""),
					m.value().path("error").asString(""), m.value().path("eventId").asString(""))));
		List<String> outages = new ArrayList<>(List.of("target,down_s,up_s"));
		targets.all()
			.forEach((t) -> t.outages()
				.forEach((o) -> outages.add(String.format("%d,%.3f,%s", t.number(), seconds(origin, o.from()),
						(o.to() != null) ? String.format("%.3f", seconds(origin, o.to())) : ""))));
		Files.write(directory.resolve("pages.csv"), pages, StandardCharsets.UTF_8);
		Files.write(directory.resolve("webhooks.csv"), webhooks, StandardCharsets.UTF_8);
		Files.write(directory.resolve("observations.csv"), observations, StandardCharsets.UTF_8);
		Files.write(directory.resolve("target-outages.csv"), outages, StandardCharsets.UTF_8);
	}

	private static double seconds(Instant origin, Instant moment) {
		return Duration.between(origin, moment).toMillis() / 1000.0;
	}

}
