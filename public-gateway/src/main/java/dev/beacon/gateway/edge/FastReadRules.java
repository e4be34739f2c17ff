package dev.beacon.gateway.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.gateway.pages.OpenRead;
import io.netty.handler.codec.http.HttpHeaders;

import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.unit.DataSize;

/**
 * What the fast path ({@link FastReads}) may answer itself, and how: which requests are
 * plain enough that the full stack would answer them exactly as the fast path does, and
 * when an answer travels gzipped ({@code server.compression}: the same mime types and
 * minimum size as the full stack's compression; the body is gzipped once per page
 * version).
 *
 * @param forwardedHeaders whether the server reads {@code Forwarded} /
 * {@code X-Forwarded-*} ({@code server.forward-headers-strategy} other than
 * {@code none}): then a request carrying them takes the full stack, where the client
 * address comes from them
 * @param compression whether responses are compressed at all
 * @param minCompressed the smallest body that is compressed
 * @param compressedTypes the media types that are compressed
 */
record FastReadRules(boolean forwardedHeaders, boolean compression, DataSize minCompressed,
		List<MimeType> compressedTypes, Map<String, Boolean> compressible) {

	FastReadRules(boolean forwardedHeaders, boolean compression, DataSize minCompressed,
			List<MimeType> compressedTypes) {
		this(forwardedHeaders, compression, minCompressed, List.copyOf(compressedTypes), new ConcurrentHashMap<>());
	}

	/**
	 * Whether nothing in the headers asks for what only the full stack does: a token,
	 * CORS, a body, an interim answer, an upgrade or a connection to close, forwarded-for
	 * addresses it reads; and whether every header passes the firewall (no control
	 * characters).
	 */
	boolean plainHeaders(HttpHeaders headers) {
		for (Map.Entry<String, String> header : headers) {
			String name = header.getKey();
			String value = header.getValue();
			if (!printable(name) || !printable(value) || refers(name, value)) {
				return false;
			}
		}
		return true;
	}

	private boolean refers(String name, String value) {
		return switch (name.length()) {
			case 6 -> name.equalsIgnoreCase("Origin") || name.equalsIgnoreCase("Expect");
			case 7 -> name.equalsIgnoreCase("Upgrade");
			case 9 -> this.forwardedHeaders && name.equalsIgnoreCase("Forwarded");
			case 10 -> name.equalsIgnoreCase("Connection") && !value.equalsIgnoreCase("keep-alive");
			case 13 -> name.equalsIgnoreCase("Authorization");
			case 14 -> name.equalsIgnoreCase("Content-Length");
			case 17 -> name.equalsIgnoreCase("Transfer-Encoding");
			default -> this.forwardedHeaders && name.regionMatches(true, 0, "X-Forwarded-", 0, 12);
		};
	}

	/** What Spring Security's firewall lets through: no ISO control characters. */
	private static boolean printable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the full stack compresses {@code read} for a client that takes a coding.
	 */
	boolean compressed(OpenRead read) {
		return this.compression && read.body().length >= this.minCompressed.toBytes()
				&& this.compressible.computeIfAbsent(read.contentType(), this::compressible);
	}

	private boolean compressible(String contentType) {
		MimeType type = MimeTypeUtils.parseMimeType(contentType);
		return this.compressedTypes.stream().anyMatch((compressed) -> compressed.isCompatibleWith(type));
	}

	/** {@code gzip} (or {@code *}) listed without {@code q=0}. */
	static boolean acceptsGzip(String acceptEncoding) {
		for (String coding : acceptEncoding.split(",")) {
			int semicolon = coding.indexOf(';');
			String name = ((semicolon >= 0) ? coding.substring(0, semicolon) : coding).strip();
			if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
				return semicolon < 0 || !zeroQuality(coding.substring(semicolon + 1));
			}
		}
		return false;
	}

	private static boolean zeroQuality(String parameters) {
		for (String parameter : parameters.split(";")) {
			String p = parameter.strip();
			if (p.startsWith("q=") || p.startsWith("Q=")) {
				try {
					return Double.parseDouble(p.substring(2)) == 0;
				}
				catch (NumberFormatException ex) {
					return true;
				}
			}
		}
		return false;
	}

}
