package dev.beacon.gateway.pages;

/**
 * The public reads a caller without a token may make, looked up without the web stack:
 * for the edge's fast path, which answers them straight from memory and hands every other
 * request to the full stack.
 */
public interface OpenReads {

	/**
	 * What {@code path} on {@code host} serves to anyone, or {@code null} when it serves
	 * nothing to a caller without a token: no such read path, no such page, a private
	 * page, or a path spelled any other way than exactly (encoded, with dot segments, …).
	 * The full stack answers those, the same way it answers every request.
	 * @param path the request's path, without query
	 * @param host the request's {@code Host} header, or {@code null}
	 */
	OpenRead find(String path, String host);

}
