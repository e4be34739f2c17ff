package dev.beacon.notifier.subscriber.web;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.beacon.notifier.subscriber.InvalidSubscriptionException;
import dev.beacon.notifier.subscriber.NewSubscription;
import dev.beacon.problems.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /public/status/{slug}/subscribers}: either {@code email} or
 * {@code webhookUrl}, and optionally the components to follow.
 */
record PublicSubscribeRequest(@Size(max = 254) @PlainText String email, @Size(max = 2000) @PlainText String webhookUrl,
		@Size(max = 100) List<@NotNull UUID> componentIds) {

	@Override
	public String toString() {
		return "PublicSubscribeRequest[" + (isEmail() ? "email" : "webhook") + "]";
	}

	boolean isEmail() {
		return this.email != null;
	}

	NewSubscription toSubscription() {
		if ((this.email == null) == (this.webhookUrl == null)) {
			throw new InvalidSubscriptionException((this.email == null) ? "email" : "webhookUrl",
					"give exactly one of email and webhookUrl");
		}
		return new NewSubscription(isEmail() ? "email" : "webhook", isEmail() ? this.email : this.webhookUrl, null,
				Objects.requireNonNullElse(this.componentIds, List.of()));
	}

}
