package dev.beacon.gateway.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.http.MediaType;

/**
 * One representation of a page, serialized once when the page arrives: its bytes, their
 * strong entity tag and media type.
 */
record Rendition(byte[] body, String etag, MediaType type) {

	static Rendition of(byte[] body, MediaType type) {
		return new Rendition(body, etag(body), type);
	}

	static Rendition of(String body, MediaType type) {
		return of(body.getBytes(StandardCharsets.UTF_8), type);
	}

	/** A strong tag: the first 128 bits of the bytes' SHA-256, quoted. */
	static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16))
					+ "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
