package dev.beacon.notifier.email;

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
 * The mail templates ({@code templates/mail/*.mustache}), compiled once: HTML with HTML
 * escaping, plain text without.
 */
final class MailTemplates {

	private final Mustache.Compiler html = Mustache.compiler().defaultValue("");

	private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");

	private final Map<String, Template> compiled = new ConcurrentHashMap<>();

	/** The HTML and the text body of the mail {@code name} for {@code context}. */
	Bodies render(String name, Map<String, Object> context) {
		return new Bodies(template(name + ".html", this.html).execute(context),
				template(name + ".txt", this.text).execute(context));
	}

	private Template template(String file, Mustache.Compiler compiler) {
		return this.compiled.computeIfAbsent(file, (key) -> {
			ClassPathResource resource = new ClassPathResource("templates/mail/" + key + ".mustache");
			try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
				return compiler.compile(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No mail template " + key, ex);
			}
		});
	}

	record Bodies(String html, String text) {
	}

}
