package dev.beacon.notifier.email;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a mail says about an event: which template, the subject, and the words the
 * templates show (the payload itself is the rest of their context).
 */
record MailContent(String template, String subject, Map<String, Object> context) {

	/** The event type of confirmation mails (the subscriber feature's). */
	static final String CONFIRMATION = "subscription.confirmation";

	private static final Map<String, String> HEADLINES = Map.of("incident.opened", "Incident opened",
			"incident.updated", "Incident updated", "incident.resolved", "Incident resolved", "maintenance.scheduled",
			"Maintenance scheduled", "maintenance.started", "Maintenance started", "maintenance.completed",
			"Maintenance completed");

	static MailContent of(String eventType, Map<String, Object> payload) {
		String page = text(map(payload.get("page")).get("name"), "Status page");
		Map<String, Object> context = new HashMap<>();
		if (CONFIRMATION.equals(eventType)) {
			return new MailContent("confirmation", clean("Confirm your subscription to " + page), context);
		}
		Map<String, Object> incident = map(payload.get("incident"));
		String headline = HEADLINES.getOrDefault(eventType, "Status update");
		context.put("headline", headline);
		context.put("maintenance", "maintenance".equals(incident.get("kind")));
		Object components = incident.get("components");
		context.put("hasComponents", components instanceof List<?> list && !list.isEmpty());
		context.put("hasUpdates", incident.get("incident_updates") instanceof List<?> list && !list.isEmpty());
		String name = text(incident.get("name"), "");
		return new MailContent("incident", clean("[" + page + "] " + headline + ": " + name), context);
	}

	/** A subject on one line, whatever a title holds. */
	private static String clean(String subject) {
		String line = subject.replaceAll("[\\p{Cntrl}]+", " ").strip();
		return (line.length() > 200) ? line.substring(0, 199) + "…" : line;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static String text(Object value, String fallback) {
		return (value instanceof String text && !text.isBlank()) ? text : fallback;
	}

}
