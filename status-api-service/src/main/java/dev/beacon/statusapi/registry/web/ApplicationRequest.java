package dev.beacon.statusapi.registry.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.problems.PlainText;
import dev.beacon.statusapi.registry.Definition;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;
import dev.beacon.statusapi.registry.PageSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An application, whole: the body of {@code POST /api/applications} (where {@code id},
 * the platform's own id of the application, is required) and of {@code PUT
 * /api/applications/{id}} (where it may be left out). {@code version} is what {@code GET}
 * answered; it is read-only and ignored here (send {@code If-Match}).
 */
record ApplicationRequest(@NotNull(groups = Registration.class) UUID id, @NotBlank @Pattern(regexp = SLUG,
		message = "must be 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit") String slug,
		@NotBlank @Size(max = 100) @PlainText String name, @NotNull @JsonProperty("public") Boolean publicPage,
		@NotEmpty @Size(max = 50) List<@Valid @NotNull ComponentRequest> components, @Valid PageRequest page,
		Long version) {

	static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

	/** The validation group of what only a registration needs. */
	interface Registration {

	}

	Definition toDefinition() {
		return new Definition(this.slug, this.name.strip(), this.publicPage,
				this.components.stream().map(ComponentRequest::toDraft).toList(),
				(this.page != null) ? this.page.toSettings() : PageSettings.defaults());
	}

	/**
	 * A component; {@code id} names one the application has (kept, with its status and
	 * history), none adds a new one.
	 */
	record ComponentRequest(UUID id, @NotBlank @Size(max = 100) @PlainText String name,
			@Size(min = 1, max = 100) @PlainText String group, @Valid HttpCheckRequest httpCheck,
			@Valid KubernetesRequest kubernetes) {

		Definition.ComponentDraft toDraft() {
			return new Definition.ComponentDraft(this.id, this.name.strip(),
					(this.group != null) ? this.group.strip() : null,
					(this.httpCheck != null) ? this.httpCheck.toHttpCheck() : null,
					(this.kubernetes != null) ? this.kubernetes.toSource() : null);
		}

	}

	/**
	 * An HTTP check. Left out, the timeout is 5 s or half the interval, whichever is
	 * shorter; given, it must be shorter than the interval ({@link CheckTiming}).
	 */
	@CheckTiming
	record HttpCheckRequest(@NotBlank @Size(max = 2000) @HttpUrl String url,
			@Pattern(regexp = "(?i)GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS",
					message = "must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS") String method,
			@Size(max = 20) Map<@NotBlank @Size(max = 100) @Pattern(regexp = "[!#$%&'*+.^_`|~0-9A-Za-z-]+",
					message = "must be a header name") String, @NotNull @Size(max = 1000) @Pattern(
							regexp = "[\\t\\x20-\\x7e]*", message = "must be printable ASCII") String> headers,
			@Min(100) @Max(599) Integer expectedStatus,
			@Size(min = 1, max = 20) List<@NotNull @Min(100) @Max(599) Integer> expectedStatuses,
			@Size(min = 1, max = 200) @PlainText String bodyContains, @Min(1) @Max(3600) Integer intervalSeconds,
			@Min(100) @Max(60000) Integer timeoutMillis, @Min(1) @Max(60000) Integer latencyThresholdMillis,
			@Min(1) @Max(20) Integer failureThreshold) {

		int interval() {
			return Objects.requireNonNullElse(this.intervalSeconds, HttpCheck.DEFAULT_INTERVAL_SECONDS);
		}

		int timeout() {
			return (this.timeoutMillis != null) ? this.timeoutMillis
					: Math.min(HttpCheck.DEFAULT_TIMEOUT_MILLIS, interval() * 500);
		}

		HttpCheck toHttpCheck() {
			int expected = (this.expectedStatus != null) ? this.expectedStatus
					: (this.expectedStatuses != null && !this.expectedStatuses.isEmpty()) ? this.expectedStatuses.get(0)
							: HttpCheck.DEFAULT_EXPECTED_STATUS;
			return new HttpCheck(URI.create(this.url), expected, interval(), timeout(),
					Objects.requireNonNullElse(this.latencyThresholdMillis, HttpCheck.DEFAULT_LATENCY_THRESHOLD_MILLIS),
					Objects.requireNonNullElse(this.failureThreshold, HttpCheck.DEFAULT_FAILURE_THRESHOLD),
					(this.method != null) ? this.method.toUpperCase(Locale.ROOT) : HttpCheck.DEFAULT_METHOD,
					this.headers, statuses(expected), this.bodyContains);
		}

		private List<Integer> statuses(int expected) {
			if (this.expectedStatuses == null || this.expectedStatuses.isEmpty()) {
				return List.of(expected);
			}
			return java.util.stream.Stream.concat(java.util.stream.Stream.of(expected), this.expectedStatuses.stream())
				.distinct()
				.toList();
		}

	}

	/**
	 * The pods of a component: a namespace (a DNS-1123 label) and a label selector as
	 * {@code kubectl -l} takes it.
	 */
	record KubernetesRequest(@NotBlank @Size(max = 63) @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
			message = "must be a DNS-1123 label: lowercase letters, digits and hyphens, starting and ending with a letter or digit") String namespace,
			@NotBlank @Size(max = 1000) @KubernetesLabelSelector String labelSelector,
			@Min(5) @Max(3600) Integer intervalSeconds) {

		KubernetesSource toSource() {
			return new KubernetesSource(this.namespace, this.labelSelector.strip(),
					Objects.requireNonNullElse(this.intervalSeconds, KubernetesSource.DEFAULT_INTERVAL_SECONDS));
		}

	}

}
