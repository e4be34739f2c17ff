package dev.beacon.gateway.html;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads the public page document leniently: every field other helpers add may be absent
 * or null, and a renderer must still draw what it has.
 */
final class Doc {

	private Doc() {
	}

	static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isEmpty() ? null : text;
	}

	static Double number(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isNumber()) ? value.doubleValue() : null;
	}

	static boolean flag(JsonNode node, String field, boolean fallback) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isBoolean()) ? value.asBoolean() : fallback;
	}

	static Instant instant(JsonNode node, String field) {
		String text = text(node, field);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static JsonNode object(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isObject()) ? value : null;
	}

	static List<JsonNode> list(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		List<JsonNode> items = new ArrayList<>();
		if (value != null && value.isArray()) {
			value.forEach(items::add);
		}
		return items;
	}

}
