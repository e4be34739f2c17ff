package dev.beacon.notifier.subscriber.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.ClassPathResource;

/**
 * The HTML pages of the subscription links ({@code templates/subscriptions/*.mustache}).
 */
final class LinkPages {

	private final Mustache.Compiler compiler = Mustache.compiler().defaultValue("");

	private final Map<String, Template> compiled = new ConcurrentHashMap<>();

	String render(String name, Map<String, Object> context) {
		return this.compiled.computeIfAbsent(name, (key) -> {
			ClassPathResource resource = new ClassPathResource("templates/subscriptions/" + key + ".mustache");
			try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				return this.compiler.compile(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No page template " + key, ex);
			}
		}).execute(context);
	}

}
