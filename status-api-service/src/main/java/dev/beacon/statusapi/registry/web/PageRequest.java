package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.beacon.problems.PlainText;
import dev.beacon.statusapi.registry.MetricUnit;
import dev.beacon.statusapi.registry.PageMetric;
import dev.beacon.statusapi.registry.PageSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A status page's settings; every member may be left out, for its default: enabled, no
 * custom domain, UTC, no description, uptime and response times shown, no metrics.
 */
record PageRequest(Boolean enabled, @Size(max = 253) @HostName String customDomain,
		@Size(max = 64) @IanaTimeZone String timeZone, @Size(max = 1000) @PlainText String description,
		Boolean showUptime, Boolean showResponseTimes, @Size(max = 20) List<@Valid @NotNull MetricRequest> metrics) {

	PageSettings toSettings() {
		PageSettings defaults = PageSettings.defaults();
		return new PageSettings(Objects.requireNonNullElse(this.enabled, defaults.enabled()),
				(this.customDomain != null) ? this.customDomain.toLowerCase(Locale.ROOT) : null,
				Objects.requireNonNullElse(this.timeZone, defaults.timeZone()),
				(this.description != null && !this.description.isBlank()) ? this.description.strip() : null,
				Objects.requireNonNullElse(this.showUptime, defaults.showUptime()),
				Objects.requireNonNullElse(this.showResponseTimes, defaults.showResponseTimes()),
				(this.metrics != null) ? this.metrics.stream().map(MetricRequest::toMetric).toList() : List.of());
	}

	/**
	 * A custom metric: {@code query} is PromQL that evaluates to one number; {@code unit}
	 * one of {@link MetricUnit}'s symbols, or left out.
	 */
	record MetricRequest(@NotBlank @Size(max = 100) @PlainText String name,
			@NotBlank @Size(max = 2000) @PlainText String query, @MetricUnitSymbol String unit) {

		PageMetric toMetric() {
			return new PageMetric(this.name.strip(), this.query.strip(),
					(this.unit != null) ? MetricUnit.of(this.unit).orElseThrow() : null);
		}

	}

}
