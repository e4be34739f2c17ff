package dev.beacon.statusapi.registry.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.problems.PlainText;
import dev.beacon.statusapi.registry.Definition;
import dev.beacon.statusapi.registry.HttpCheck;
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
			@Size(min = 1, max = 100) @PlainText String group, @Valid HttpCheckRequest httpCheck) {

		Definition.ComponentDraft toDraft() {
			return new Definition.ComponentDraft(this.id, this.name.strip(),
					(this.group != null) ? this.group.strip() : null,
					(this.httpCheck != null) ? this.httpCheck.toHttpCheck() : null);
		}

	}

	record HttpCheckRequest(@NotBlank @Size(max = 2000) @HttpUrl String url, @Min(100) @Max(599) Integer expectedStatus,
			@Min(1) @Max(3600) Integer intervalSeconds, @Min(100) @Max(60000) Integer timeoutMillis,
			@Min(1) @Max(60000) Integer latencyThresholdMillis, @Min(1) @Max(20) Integer failureThreshold) {

		HttpCheck toHttpCheck() {
			return new HttpCheck(URI.create(this.url),
					Objects.requireNonNullElse(this.expectedStatus, HttpCheck.DEFAULT_EXPECTED_STATUS),
					Objects.requireNonNullElse(this.intervalSeconds, HttpCheck.DEFAULT_INTERVAL_SECONDS),
					Objects.requireNonNullElse(this.timeoutMillis, HttpCheck.DEFAULT_TIMEOUT_MILLIS),
					Objects.requireNonNullElse(this.latencyThresholdMillis, HttpCheck.DEFAULT_LATENCY_THRESHOLD_MILLIS),
					Objects.requireNonNullElse(this.failureThreshold, HttpCheck.DEFAULT_FAILURE_THRESHOLD));
		}

	}

}
