package dev.beacon.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;

/** Label selectors evaluated the way the API server does. */
final class Selectors {

	private Selectors() {
	}

	static boolean isEmpty(V1LabelSelector selector) {
		return selector == null || (Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).isEmpty()
				&& Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).isEmpty());
	}

	static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> matchLabels = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
		for (Map.Entry<String, String> required : matchLabels.entrySet()) {
			if (!required.getValue().equals(labels.get(required.getKey()))) {
				return false;
			}
		}
		for (V1LabelSelectorRequirement expression : Optional.ofNullable(selector.getMatchExpressions())
			.orElse(List.of())) {
			String value = labels.get(expression.getKey());
			List<String> values = Optional.ofNullable(expression.getValues()).orElse(List.of());
			boolean matched = switch (expression.getOperator()) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalArgumentException("Unknown operator " + expression.getOperator());
			};
			if (!matched) {
				return false;
			}
		}
		return true;
	}

}
