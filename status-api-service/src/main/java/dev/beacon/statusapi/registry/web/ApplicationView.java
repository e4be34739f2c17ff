package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;
import dev.beacon.statusapi.registry.PageSettings;

/**
 * An application as the authenticated API shows it; what {@code PUT} takes back, and what
 * a merge patch applies to.
 */
record ApplicationView(UUID id, String slug, String name, @JsonProperty("public") boolean publicPage,
		List<ComponentView> components, PageView page, long version) {

	static ApplicationView of(Application application) {
		return new ApplicationView(application.id(), application.slug(), application.name(), application.publicPage(),
				application.components()
					.stream()
					.map((component) -> new ComponentView(component.id(), component.name(), component.group(),
							component.httpCheck(), component.kubernetes()))
					.toList(),
				PageView.of(application.page()), application.version());
	}

	record ComponentView(UUID id, String name, String group, HttpCheck httpCheck, KubernetesSource kubernetes) {
	}

	record PageView(boolean enabled, String customDomain, String timeZone, String description, boolean showUptime,
			boolean showResponseTimes, List<MetricView> metrics) {

		static PageView of(PageSettings page) {
			return new PageView(page.enabled(), page.customDomain(), page.timeZone(), page.description(),
					page.showUptime(), page.showResponseTimes(),
					page.metrics()
						.stream()
						.map((metric) -> new MetricView(metric.name(), metric.query(),
								(metric.unit() != null) ? metric.unit().symbol() : null))
						.toList());
		}

	}

	record MetricView(String name, String query, String unit) {
	}

}
