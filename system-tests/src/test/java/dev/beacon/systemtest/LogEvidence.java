package dev.beacon.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the services' logs say went wrong: the ERROR and WARN lines of every incarnation,
 * grouped by message once ids, numbers and times are taken out, most frequent first.
 */
final class LogEvidence {

	private static final Pattern LEVEL = Pattern.compile("\\b(ERROR|WARN)\\b");

	private static final Pattern VARIABLE = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d+");

	private LogEvidence() {
	}

	/** Message (normalized) to how often it was logged, most frequent first. */
	static Map<String, Long> problems(List<Path> logs) {
		Map<String, Long> counts = logs.stream()
			.filter(Files::exists)
			.flatMap(LogEvidence::lines)
			.filter((line) -> LEVEL.matcher(line).find())
			.map(LogEvidence::message)
			.collect(Collectors.groupingBy((message) -> message, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
	}

	/** The level, logger and message of a Spring Boot console line, variables masked. */
	private static String message(String line) {
		var level = LEVEL.matcher(line);
		level.find();
		String rest = line.substring(level.start());
		// "WARN 123 --- [app] [thread] [corr] logger : message"
		int colon = rest.indexOf(" : ");
		String logger = "";
		if (colon > 0) {
			String head = rest.substring(0, colon).trim();
			logger = head.substring(head.lastIndexOf(' ') + 1);
			rest = rest.substring(colon + 3);
		}
		String text = VARIABLE.matcher(rest).replaceAll("#");
		return level.group(1) + " " + logger + ": " + ((text.length() > 220) ? text.substring(0, 220) + "…" : text);
	}

	private static java.util.stream.Stream<String> lines(Path log) {
		try {
			return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
