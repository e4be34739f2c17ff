package dev.beacon.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A label selector in the syntax {@code kubectl -l} accepts: comma-separated requirements
 * {@code key}, {@code !key}, {@code key=value}, {@code key==value}, {@code key!=value},
 * {@code key in (a,b)}, {@code key notin (a,b)}; a pod matches when every requirement
 * holds. Keys are an optional DNS subdomain prefix and a name of at most 63 characters;
 * values at most 63 characters of letters, digits, {@code -_.}, starting and ending with
 * a letter or digit. The meaning of
 * {@link ApplicationDefined.Kubernetes#labelSelector()}: status-api validates it with
 * this parser, the collector matches pods with it.
 */
public final class LabelSelector implements Predicate<Map<String, String>> {

	private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");

	private static final Pattern PREFIX = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private final String text;

	private final List<Predicate<Map<String, String>>> requirements;

	private LabelSelector(String text, List<Predicate<Map<String, String>>> requirements) {
		this.text = text;
		this.requirements = requirements;
	}

	/**
	 * Parses {@code text}; throws {@link IllegalArgumentException} naming what is wrong.
	 */
	public static LabelSelector parse(String text) {
		List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
		for (String part : split(text)) {
			requirements.add(requirement(part.strip()));
		}
		if (requirements.isEmpty()) {
			throw new IllegalArgumentException("a selector needs at least one requirement");
		}
		return new LabelSelector(text, List.copyOf(requirements));
	}

	@Override
	public boolean test(Map<String, String> labels) {
		Map<String, String> present = (labels != null) ? labels : Map.of();
		return this.requirements.stream().allMatch((requirement) -> requirement.test(present));
	}

	@Override
	public String toString() {
		return this.text;
	}

	/** Splits at commas outside parentheses. */
	private static List<String> split(String text) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				parts.add(text.substring(start, i));
				start = i + 1;
			}
			if (depth < 0 || depth > 1) {
				throw new IllegalArgumentException("unbalanced parentheses");
			}
		}
		if (depth != 0) {
			throw new IllegalArgumentException("unbalanced parentheses");
		}
		parts.add(text.substring(start));
		return (parts.size() == 1 && parts.get(0).isBlank()) ? List.of() : parts;
	}

	private static Predicate<Map<String, String>> requirement(String part) {
		if (part.isEmpty()) {
			throw new IllegalArgumentException("empty requirement");
		}
		if (part.startsWith("!")) {
			String key = key(part.substring(1).strip());
			return (labels) -> !labels.containsKey(key);
		}
		int ne = part.indexOf("!=");
		if (ne > 0) {
			String key = key(part.substring(0, ne).strip());
			String value = value(part.substring(ne + 2).strip());
			return (labels) -> !value.equals(labels.get(key));
		}
		int eq = part.indexOf('=');
		if (eq > 0) {
			String key = key(part.substring(0, eq).strip());
			String rest = part.substring(eq + 1);
			String value = value((rest.startsWith("=") ? rest.substring(1) : rest).strip());
			return (labels) -> value.equals(labels.get(key));
		}
		String[] words = part.split("\\s+", 2);
		if (words.length == 1) {
			String key = key(words[0]);
			return (labels) -> labels.containsKey(key);
		}
		String key = key(words[0]);
		String rest = words[1].strip();
		boolean notIn = rest.startsWith("notin");
		boolean in = !notIn && rest.startsWith("in");
		if (!in && !notIn) {
			throw new IllegalArgumentException("unknown operator in '" + part + "'");
		}
		Set<String> values = values(rest.substring(notIn ? 5 : 2).strip());
		return notIn ? (labels) -> !values.contains(labels.get(key)) : (labels) -> values.contains(labels.get(key));
	}

	private static Set<String> values(String list) {
		if (!list.startsWith("(") || !list.endsWith(")")) {
			throw new IllegalArgumentException("a set of values is written (a,b)");
		}
		String inner = list.substring(1, list.length() - 1);
		if (inner.isBlank()) {
			throw new IllegalArgumentException("a set of values needs at least one value");
		}
		Set<String> values = new LinkedHashSet<>();
		for (String value : inner.split(",", -1)) {
			values.add(value(value.strip()));
		}
		return values;
	}

	private static String key(String key) {
		int slash = key.indexOf('/');
		String name = (slash >= 0) ? key.substring(slash + 1) : key;
		if (slash >= 0) {
			String prefix = key.substring(0, slash);
			if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
				throw new IllegalArgumentException("'" + key + "' has an invalid prefix");
			}
		}
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + key + "' is not a valid label key");
		}
		return key;
	}

	private static String value(String value) {
		if (!value.isEmpty() && !NAME.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + value + "' is not a valid label value");
		}
		return value;
	}

}
