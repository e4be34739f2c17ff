package dev.beacon.gateway.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * One representation of a public page as anyone may read it without a token, prepared
 * once per page version for the edge's fast path: the bytes, the same bytes gzipped, and
 * every header value that does not change between requests. The arrays are never modified
 * once made; readers must not modify them either.
 *
 * @param body the representation's bytes
 * @param gzipped {@code body} gzipped
 * @param etag its strong entity tag, quoted
 * @param contentType its media type, as the header says it
 * @param generatedAt when status-api made this version
 * @param lastModified {@code generatedAt} as an HTTP date
 */
public record OpenRead(byte[] body, byte[] gzipped, String etag, String contentType, Instant generatedAt,
		String lastModified) {

	/** What a public page answers in {@code Cache-Control}. */
	public static final String CACHE_CONTROL = PublicPageHandler.PUBLIC;

	/** The header telling how old the data is, in seconds. */
	public static final String DATA_AGE = PublicPageHandler.DATA_AGE;

	static OpenRead of(Rendition rendition, Instant generatedAt) {
		return new OpenRead(rendition.body(), gzip(rendition.body()), rendition.etag(), rendition.type().toString(),
				generatedAt, DateTimeFormatter.RFC_1123_DATE_TIME
					.format(generatedAt.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC)));
	}

	/** Whole seconds since this version was made, never negative. */
	public long ageSeconds(long nowMillis) {
		return Math.max(0, (nowMillis - this.generatedAt.toEpochMilli()) / 1000);
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("gzip into memory cannot fail", ex);
		}
		return out.toByteArray();
	}

}
