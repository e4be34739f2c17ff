package dev.beacon.notifier.subscriber.web;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.notifier.subscriber.NewSubscription;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/applications/{appId}/subscribers}. A channel whose target
 * is neither a URL nor an address adds its own field here and picks it in
 * {@link #target()}.
 */
record SubscribeRequest(@NotBlank @Size(max = 32) String type,
		@Size(max = 2000) @Pattern(regexp = "^(?i)https?://[^\\s/?#]+[^\\s]*$",
				message = "must be an absolute http or https URL") String url,
		@Size(max = 254) @PlainText String email, @Size(min = 16, max = 256) @PlainText String secret,
		@Size(max = 100) List<@NotNull UUID> componentIds) {

	@Override
	public String toString() {
		return "SubscribeRequest[type=" + this.type + "]";
	}

	NewSubscription toSubscription() {
		return new NewSubscription(this.type.strip(), target(), this.secret,
				Objects.requireNonNullElse(this.componentIds, List.of()));
	}

	private String target() {
		return "email".equals(this.type.strip()) ? this.email : this.url;
	}

}
