package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.problems.PlainText;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Definition;
import dev.beacon.statusapi.registry.PageSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The page's configuration document, kept by a platform next to an application's
 * manifests and applied whole: what it leaves out takes its default.
 *
 * <pre>
 * statusPage:
 *   enabled: true
 *   public: true
 *   metrics:
 *     - name: Requests
 *       query: sum(rate(http_requests_total[5m]))
 *       unit: req/s
 * </pre>
 */
record StatusPageDocument(@NotNull @Valid StatusPage statusPage) {

	/** The application with its page as this document says, its components untouched. */
	Definition applyTo(Application current) {
		PageSettings settings = this.statusPage.settings();
		return new Definition(current.slug(), current.name(), this.statusPage.publicPage(),
				current.components()
					.stream()
					.map((component) -> new Definition.ComponentDraft(component.id(), component.name(),
							component.group(), component.httpCheck(), component.kubernetes()))
					.toList(),
				settings);
	}

	record StatusPage(@NotNull Boolean enabled, @NotNull @JsonProperty("public") Boolean publicPage,
			@Size(max = 253) @HostName String customDomain, @Size(max = 64) @IanaTimeZone String timeZone,
			@Size(max = 1000) @PlainText String description, Boolean showUptime, Boolean showResponseTimes,
			@Size(max = 20) List<PageRequest.@Valid @NotNull MetricRequest> metrics) {

		PageSettings settings() {
			return new PageRequest(this.enabled, this.customDomain, this.timeZone, this.description, this.showUptime,
					this.showResponseTimes, Objects.requireNonNullElse(this.metrics, List.of()))
				.toSettings();
		}

	}

}
