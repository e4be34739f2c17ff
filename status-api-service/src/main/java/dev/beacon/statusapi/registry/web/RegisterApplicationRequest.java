package dev.beacon.statusapi.registry.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beacon.problems.PlainText;
import dev.beacon.statusapi.registry.Application;
import dev.beacon.statusapi.registry.Component;
import dev.beacon.statusapi.registry.HttpCheck;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/applications}. The id is the platform's own id of the
 * application, which the caller's token must list.
 */
record RegisterApplicationRequest(@NotNull UUID id, @NotBlank @Pattern(regexp = SLUG,
		message = "must be 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit") String slug,
		@NotBlank @Size(max = 100) @PlainText String name, @NotNull @JsonProperty("public") Boolean publicPage,
		@NotEmpty @Size(max = 50) List<@Valid @NotNull ComponentRequest> components) {

	static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

	Application toApplication() {
		return new Application(this.id, this.slug, this.name.strip(), this.publicPage,
				this.components.stream().map(ComponentRequest::toComponent).toList());
	}

	record ComponentRequest(@NotBlank @Size(max = 100) @PlainText String name, @Valid HttpCheckRequest httpCheck) {

		Component toComponent() {
			return new Component(UUID.randomUUID(), this.name.strip(),
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
