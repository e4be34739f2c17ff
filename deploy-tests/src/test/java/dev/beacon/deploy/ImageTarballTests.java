package dev.beacon.deploy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image tarballs Jib writes with the {@code images} profile: each runs its service as
 * a non-root user, with the JVM as entrypoint, exposing its HTTP and management ports.
 * Images are not part of the default build (the base image comes from a registry), so
 * this test reads tarballs only where a build made them.
 */
class ImageTarballTests {

	@Test
	void configuresEveryServiceImageToRunAsNonRootWithItsPorts() throws IOException {
		Map<BeaconService, Path> tarballs = new HashMap<>();
		for (BeaconService service : BeaconService.ALL) {
			Path tarball = Repository.root().resolve(service.module()).resolve("target/jib-image.tar");
			if (Files.isRegularFile(tarball)) {
				tarballs.put(service, tarball);
			}
		}
		assumeTrue(!tarballs.isEmpty(),
				"no image tarballs: build them first with ./mvnw -Pimages -DskipTests package (add "
						+ "-Dbeacon.image.base=scratch where no registry is reachable: the configuration is the same)");
		for (Map.Entry<BeaconService, Path> entry : tarballs.entrySet()) {
			BeaconService service = entry.getKey();
			Map<String, byte[]> files = read(entry.getValue(), List.of("manifest.json", "config.json"));
			JsonArray manifest = new Gson().fromJson(new String(files.get("manifest.json"), StandardCharsets.UTF_8),
					JsonArray.class);
			assertThat(manifest.get(0).getAsJsonObject().get("RepoTags").getAsJsonArray().get(0).getAsString())
				.isEqualTo(service.image());
			JsonObject config = new Gson()
				.fromJson(new String(files.get("config.json"), StandardCharsets.UTF_8), JsonObject.class)
				.getAsJsonObject("config");
			assertThat(config.get("User").getAsString()).as(service.name()).isEqualTo("65532:65532");
			JsonArray entrypoint = config.getAsJsonArray("Entrypoint");
			assertThat(entrypoint.get(0).getAsString()).isEqualTo("java");
			assertThat(entrypoint.get(entrypoint.size() - 1).getAsString()).as(service.name())
				.startsWith("dev.beacon.")
				.endsWith("Application");
			assertThat(config.getAsJsonObject("ExposedPorts").keySet()).as(service.name())
				.containsExactlyInAnyOrder(service.port() + "/tcp", service.managementPort() + "/tcp");
		}
	}

	/**
	 * Reads named top-level files of an uncompressed tar (ustar: a 512-byte header with
	 * the name and the octal size, then the content padded to 512 bytes).
	 */
	private static Map<String, byte[]> read(Path tarball, List<String> names) throws IOException {
		Map<String, byte[]> files = new HashMap<>();
		try (InputStream input = new BufferedInputStream(Files.newInputStream(tarball))) {
			byte[] header = new byte[512];
			while (input.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String name = field(header, 0, 100);
				long size = Long.parseLong(field(header, 124, 12).trim(), 8);
				byte[] content = input.readNBytes((int) size);
				input.skipNBytes((512 - size % 512) % 512);
				if (names.contains(name)) {
					files.put(name, content);
				}
			}
		}
		assertThat(files.keySet()).as(tarball.toString()).containsExactlyInAnyOrderElementsOf(names);
		return files;
	}

	private static String field(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) {
			end++;
		}
		return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
	}

}
