package dev.beacon.gateway.html;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GzipTests {

	@Test
	void piecesCompressedApartReadAsOneGzipOfTheWhole() throws IOException {
		byte[] before = "<!doctype html><html><body><header>Updated 12 s ago</header>".getBytes(StandardCharsets.UTF_8);
		byte[] middle = bars(40_000);
		byte[] after = "<footer>Powered by Beacon</footer></body></html>".getBytes(StandardCharsets.UTF_8);
		byte[] gzip = Gzip.of(before, middle, Gzip.segment(middle), after);
		assertThat(gunzip(gzip)).isEqualTo(concat(before, middle, after));
		// barely larger than compressing the whole at once
		assertThat(gzip.length).isLessThan(gzipWhole(concat(before, middle, after)).length + 200);
	}

	@Test
	void aCompressedMiddleFitsAnyBeginningAndEnd() throws IOException {
		byte[] middle = bars(5_000);
		byte[] segment = Gzip.segment(middle);
		for (String start : new String[] { "", "a", "<p>Updated 3 s ago</p>" }) {
			byte[] before = start.getBytes(StandardCharsets.UTF_8);
			byte[] after = (start + "</main>").getBytes(StandardCharsets.UTF_8);
			assertThat(gunzip(Gzip.of(before, middle, segment, after))).isEqualTo(concat(before, middle, after));
		}
	}

	@Test
	void compressesIncompressibleBytesLargerThanItsBuffer() throws IOException {
		byte[] noise = new byte[100_000];
		new Random(7).nextBytes(noise);
		assertThat(gunzip(Gzip.of(noise, noise, Gzip.segment(noise), noise))).isEqualTo(concat(noise, noise, noise));
		assertThat(gunzip(Gzip.of(noise))).isEqualTo(noise);
	}

	/** Like the page's bars: SVG, repetitive but not uniform. */
	private static byte[] bars(int count) {
		StringBuilder svg = new StringBuilder();
		Random random = new Random(42);
		for (int i = 0; i < count / 40; i++) {
			svg.append("<rect x=\"")
				.append(i * 4)
				.append("\" class=\"d-")
				.append(random.nextInt(3))
				.append("\"><title>")
				.append(99 + random.nextInt(100) / 100.0)
				.append("% uptime</title></rect>");
		}
		return svg.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gunzip(byte[] gzip) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
			return in.readAllBytes();
		}
	}

	private static byte[] gzipWhole(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
