package dev.beacon.gateway.html;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip (RFC 1952) put together from pieces compressed apart. A deflate stream may be cut
 * into segments that each start with an empty dictionary and end on a byte boundary (a
 * full flush, as parallel compressors do): such a segment is valid after any such prefix.
 * So the largest part of a page, compressed once, is placed between its freshly
 * compressed beginning and end, and only those are compressed again.
 */
final class Gzip {

	private static final byte[] HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private Gzip() {
	}

	/**
	 * {@code bytes} as a deflate segment that may stand anywhere but at the end of a
	 * stream.
	 */
	static byte[] segment(byte[] bytes) {
		return deflate(bytes, false);
	}

	/**
	 * The gzip of {@code before + middle + after}, with {@code middle} already compressed
	 * as {@code middleSegment} by {@link #segment}.
	 */
	static byte[] of(byte[] before, byte[] middle, byte[] middleSegment, byte[] after) {
		CRC32 crc = new CRC32();
		crc.update(before);
		crc.update(middle);
		crc.update(after);
		byte[] start = deflate(before, false);
		byte[] end = deflate(after, true);
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				HEADER.length + start.length + middleSegment.length + end.length + 8);
		out.writeBytes(HEADER);
		out.writeBytes(start);
		out.writeBytes(middleSegment);
		out.writeBytes(end);
		littleEndian(out, crc.getValue());
		littleEndian(out, before.length + middle.length + after.length);
		return out.toByteArray();
	}

	/** The gzip of {@code bytes}. */
	static byte[] of(byte[] bytes) {
		return of(new byte[0], new byte[0], new byte[0], bytes);
	}

	private static byte[] deflate(byte[] bytes, boolean last) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			deflater.setInput(bytes);
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
			byte[] buffer = new byte[16384];
			if (last) {
				deflater.finish();
				while (!deflater.finished()) {
					out.write(buffer, 0, deflater.deflate(buffer));
				}
			}
			else {
				// a full buffer may hold back more: ask again until it is not full
				int written;
				do {
					written = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
					out.write(buffer, 0, written);
				}
				while (written == buffer.length);
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static void littleEndian(ByteArrayOutputStream out, long value) {
		for (int i = 0; i < 4; i++) {
			out.write((int) (value >>> (8 * i)) & 0xff);
		}
	}

}
