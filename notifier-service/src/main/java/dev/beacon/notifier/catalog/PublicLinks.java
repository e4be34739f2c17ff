package dev.beacon.notifier.catalog;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the public side (the gateway) is reached, for the links in notifications.
 *
 * @param publicBaseUrl e.g. {@code https://status.example.com}: pages are under
 * {@code /public/status/{slug}}, subscription links under {@code /public/subscriptions}
 */
@ConfigurationProperties("beacon.notifier.links")
@Validated
public record PublicLinks(@NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl) {

	public PublicLinks {
		String scheme = (publicBaseUrl != null) ? publicBaseUrl.getScheme() : null;
		if (publicBaseUrl != null && (scheme == null || !(scheme.equals("http") || scheme.equals("https"))
				|| publicBaseUrl.getHost() == null)) {
			throw new IllegalArgumentException(
					"beacon.notifier.links.public-base-url must be an absolute http or https URL");
		}
	}

	/** The page's public address. */
	public String page(String slug) {
		return url("/public/status/" + slug);
	}

	/** An address under the public base URL; {@code path} starts with a slash. */
	public String url(String path) {
		String base = this.publicBaseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

}
