package dev.beacon.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deployment must know about one service's {@code <service>.yml}: the environment
 * variables it reads and the Kafka consumer bindings it declares.
 */
final class ServiceConfiguration {

	/**
	 * An environment variable in a Spring placeholder: upper case, read as {@code ${VAR}}
	 * (required) or {@code ${VAR:default}} (optional).
	 */
	private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");

	private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

	private final Map<String, Object> yaml;

	private ServiceConfiguration(Map<String, Object> yaml) {
		this.yaml = yaml;
	}

	static ServiceConfiguration read(Path file) {
		return parse(Repository.read(file));
	}

	static ServiceConfiguration parse(String yamlText) {
		return new ServiceConfiguration(Repository.yaml(yamlText));
	}

	/** Every environment variable the configuration reads, with or without a default. */
	Set<String> environmentVariables() {
		return variables(false);
	}

	/**
	 * The environment variables without a default: the service cannot start without them.
	 */
	Set<String> requiredEnvironmentVariables() {
		return variables(true);
	}

	private Set<String> variables(boolean requiredOnly) {
		Set<String> variables = new TreeSet<>();
		for (String value : scalars(this.yaml)) {
			Matcher matcher = ENVIRONMENT_PLACEHOLDER.matcher(value);
			while (matcher.find()) {
				if (!requiredOnly || matcher.group(2).isEmpty()) {
					variables.add(matcher.group(1));
				}
			}
		}
		return variables;
	}

	/**
	 * The dead-letter topics of the consumer bindings that send to one: the Kafka binder
	 * names them {@code error.<destination>.<group>}.
	 */
	Set<String> deadLetterTopics() {
		Set<String> topics = new TreeSet<>();
		Map<String, Object> bindings = map(this.yaml, "spring", "cloud", "stream", "bindings");
		boolean dlqByDefault = Boolean.TRUE
			.equals(value(this.yaml, "spring", "cloud", "stream", "kafka", "default", "consumer", "enable-dlq"));
		bindings.forEach((binding, settings) -> {
			if (!binding.contains("-in-")) {
				return;
			}
			Object ownDlq = value(this.yaml, "spring", "cloud", "stream", "kafka", "bindings", binding, "consumer",
					"enable-dlq");
			boolean dlq = (ownDlq != null) ? Boolean.TRUE.equals(ownDlq) : dlqByDefault;
			if (dlq) {
				Map<?, ?> binder = (Map<?, ?>) settings;
				topics.add("error." + resolve((String) binder.get("destination")) + "."
						+ resolve((String) binder.get("group")));
			}
		});
		return topics;
	}

	/** Every topic a consumer binding reads. */
	Set<String> consumedTopics() {
		Set<String> topics = new TreeSet<>();
		map(this.yaml, "spring", "cloud", "stream", "bindings").forEach((binding, settings) -> {
			if (binding.contains("-in-")) {
				topics.add(resolve((String) ((Map<?, ?>) settings).get("destination")));
			}
		});
		return topics;
	}

	/** Resolves placeholders against this file, falling back to their defaults. */
	String resolve(String value) {
		Matcher matcher = ANY_PLACEHOLDER.matcher(value);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			Object own = value(this.yaml, matcher.group(1).split("\\."));
			String replacement = (own != null) ? String.valueOf(own)
					: (matcher.group(2) != null) ? matcher.group(2) : matcher.group(0);
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static Object value(Map<String, Object> yaml, String... path) {
		Object current = yaml;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> yaml, String... path) {
		Object found = value(yaml, path);
		return (found instanceof Map<?, ?>) ? (Map<String, Object>) found : new LinkedHashMap<>();
	}

	private static List<String> scalars(Object node) {
		List<String> scalars = new ArrayList<>();
		if (node instanceof Map<?, ?> map) {
			map.values().forEach((value) -> scalars.addAll(scalars(value)));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> scalars.addAll(scalars(value)));
		}
		else if (node != null) {
			scalars.add(String.valueOf(node));
		}
		return scalars;
	}

}
