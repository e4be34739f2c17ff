package dev.beacon.gateway.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * The page's style sheet and scripts, read once at start-up and served from memory with a
 * strong entity tag: no CDN, nothing from anywhere else.
 */
final class Assets {

	static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	private static final Map<String, Asset> ASSETS = Map.of("status.css", load("status.css", CSS), "status.js",
			load("status.js", JAVASCRIPT), "widget.js", load("widget.js", JAVASCRIPT));

	private Assets() {
	}

	static Asset get(String name) {
		return ASSETS.get(name);
	}

	private static Asset load(String name, MediaType type) {
		try (InputStream in = new ClassPathResource("page-assets/" + name).getInputStream()) {
			byte[] bytes = in.readAllBytes();
			String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
					+ "\"";
			return new Asset(bytes, type, etag);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The page asset " + name + " is missing from the build", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Asset(byte[] bytes, MediaType type, String etag) {
	}

}
