package dev.beacon.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.ModelMapper;

/**
 * One overlay as {@code kubectl kustomize} renders it: the built-in objects parsed with
 * the official Kubernetes client's models (which refuse unknown fields and missing
 * required ones), the operators' resources as plain maps.
 */
final class RenderedManifests {

	private static final Gson PLAIN = new Gson();

	private final List<Object> objects;

	private final List<Map<String, Object>> customResources;

	private RenderedManifests(List<Object> objects, List<Map<String, Object>> customResources) {
		this.objects = objects;
		this.customResources = customResources;
	}

	/** Where kubectl is on the PATH, if it is. */
	static Optional<Path> kubectl() {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "kubectl");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	static RenderedManifests render(Path kubectl, String overlay) throws IOException, InterruptedException {
		Path directory = Repository.root().resolve("k8s/overlays").resolve(overlay);
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
			.redirectErrorStream(false)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + errors);
		}
		return parse(new String(output, StandardCharsets.UTF_8));
	}

	static RenderedManifests parse(String yaml) {
		List<Object> objects = new ArrayList<>();
		List<Map<String, Object>> customResources = new ArrayList<>();
		for (Map<String, Object> document : Repository.yamlDocuments(yaml)) {
			String apiVersion = (String) document.get("apiVersion");
			String kind = (String) document.get("kind");
			if (builtIn(apiVersion)) {
				Class<?> type = ModelMapper.getApiTypeClass(apiVersion, kind);
				if (type == null || !type.getPackageName().equals(V1Pod.class.getPackageName())) {
					throw new IllegalStateException("No Kubernetes model for " + apiVersion + " " + kind);
				}
				objects.add(model(document, type));
			}
			else {
				customResources.add(document);
			}
		}
		return new RenderedManifests(objects, customResources);
	}

	/**
	 * Whether an API version belongs to Kubernetes itself: the core group, an unqualified
	 * group ({@code apps}, {@code policy}) or one of {@code *.k8s.io}. ModelMapper
	 * answers a generic object for other groups, and a built-in model for any group when
	 * the kind's name matches one, so the group is checked here.
	 */
	private static boolean builtIn(String apiVersion) {
		int slash = apiVersion.indexOf('/');
		String group = (slash < 0) ? "" : apiVersion.substring(0, slash);
		return !group.contains(".") || group.endsWith(".k8s.io");
	}

	/** Maps one object onto its model; unknown or missing required fields throw. */
	static <T> T model(Map<String, Object> document, Class<T> type) {
		return new JSON().getGson().fromJson(PLAIN.toJson(document), type);
	}

	<T> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	int size() {
		return this.objects.size();
	}

	List<Map<String, Object>> customResources(String kind) {
		return this.customResources.stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
	}

	List<Map<String, Object>> customResources() {
		return this.customResources;
	}

}
