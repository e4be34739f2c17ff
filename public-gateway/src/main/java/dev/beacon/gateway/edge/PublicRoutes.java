package dev.beacon.gateway.edge;

/** Which paths are public (open to anyone): all but the authenticated {@code /api/**}. */
final class PublicRoutes {

	private PublicRoutes() {
	}

	static boolean isPublic(String path) {
		return !path.startsWith("/api/") || path.startsWith("/api/v2/");
	}

	/** The page's embeddable view, which other sites may frame. */
	static boolean isEmbed(String path) {
		return path.equals("/embed") || path.equals("/status/embed") || (path.startsWith("/status/")
				&& path.endsWith("/embed") && path.indexOf('/', 8) == path.length() - 6);
	}

}
