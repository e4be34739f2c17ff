package dev.beacon.statusapi.page;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How pages are published on {@code beacon.pages.v1}.
 *
 * @param appsDomain the platform's domain under which each application has the host
 * {@code {slug}.{appsDomain}}: its page is served at {@code status.{slug}.{appsDomain}}
 * and at {@code {slug}.{appsDomain}/status}; empty: pages have no such hosts (a custom
 * domain still works)
 * @param minInterval a page is published at most once per this interval (changes within
 * it are coalesced into one document)
 * @param maxInterval and at least once per this interval, changed or not (uptime and
 * response times move)
 * @param tick the shortest time between two looks for due pages (changes that come
 * meanwhile wait for the next look)
 * @param poll how often due pages are looked for without being woken (a change marks its
 * page dirty and wakes the publisher at once, through {@code NOTIFY})
 * @param heartbeat how often the gateway is told that the pages are current (it shows
 * them as unknown when told too long ago)
 */
@ConfigurationProperties("beacon.pages")
@Validated
record PagesProperties(
		@DefaultValue("") @Pattern(regexp = "|([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*",
				message = "must be a lower-case domain name such as apps.example.com, or empty") String appsDomain,
		@NotNull @DefaultValue("1s") Duration minInterval, @NotNull @DefaultValue("60s") Duration maxInterval,
		@NotNull @DefaultValue("200ms") Duration tick, @NotNull @DefaultValue("5s") Duration poll,
		@NotNull @DefaultValue("3s") Duration heartbeat) {
}
