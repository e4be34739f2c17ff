package dev.beacon.gateway.pages;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the pages come from and how they are addressed.
 *
 * @param bootstrapServers the Kafka brokers of {@code beacon.pages.v1}
 * @param topicPrefix prepended to the topic name (empty in production; tests isolate
 * themselves with it)
 * @param publicUrl the gateway's public address: pages are at
 * {@code {publicUrl}/status/{slug}} (the Statuspage API's {@code page.url} and
 * {@code shortlink}, the feeds' links)
 * @param maintenanceIndicator whether the Statuspage API's status indicator says
 * {@code maintenance} during a maintenance ({@code none} otherwise, for strict consumers)
 * @param staleAfter how old status-api's last heartbeat may be before the pages' statuses
 * are served as unknown
 */
@ConfigurationProperties("beacon.gateway.pages")
@Validated
record PagesProperties(@NotBlank String bootstrapServers, @DefaultValue("") String topicPrefix, @NotNull URI publicUrl,
		@DefaultValue("true") boolean maintenanceIndicator, @NotNull @DefaultValue("10s") Duration staleAfter) {

	String topic() {
		return this.topicPrefix + "beacon.pages.v1";
	}

	/** The page's address, without a trailing slash. */
	String pageUrl(String slug) {
		String base = this.publicUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/status/" + slug;
	}

}
