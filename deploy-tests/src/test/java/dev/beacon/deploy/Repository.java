package dev.beacon.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's files, as the build passes their location to the tests. */
final class Repository {

	private Repository() {
	}

	static Path root() {
		return Path.of(System.getProperty("beacon.repository.root", "..")).toAbsolutePath().normalize();
	}

	static String version() {
		String version = System.getProperty("beacon.version");
		if (version == null) {
			throw new IllegalStateException("beacon.version is not set: run the tests through Maven");
		}
		return version;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One YAML document as maps and lists, duplicate keys refused. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(String text) {
		return (Map<String, Object>) yamlParser().load(text);
	}

	/** Every non-empty document of a multi-document YAML stream. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yamlParser().loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	private static Yaml yamlParser() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options);
	}

}
