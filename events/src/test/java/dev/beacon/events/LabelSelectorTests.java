package dev.beacon.events;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The {@code kubectl -l} syntax: what a selector accepts, refuses and matches. */
class LabelSelectorTests {

	static final Map<String, String> WORKER = Map.of("app", "worker", "tier", "backend", "app.kubernetes.io/part-of",
			"shop");

	@Test
	void matchesEveryRequirementTogether() {
		assertThat(LabelSelector.parse("app=worker,tier==backend")).accepts(WORKER);
		assertThat(LabelSelector.parse("app=worker,tier=frontend")).rejects(WORKER);
		assertThat(LabelSelector.parse("app.kubernetes.io/part-of=shop")).accepts(WORKER);
	}

	@Test
	void tellsPresenceAbsenceAndInequality() {
		assertThat(LabelSelector.parse("tier")).accepts(WORKER);
		assertThat(LabelSelector.parse("!tier")).rejects(WORKER);
		assertThat(LabelSelector.parse("!canary")).accepts(WORKER);
		assertThat(LabelSelector.parse("tier!=frontend")).accepts(WORKER);
		// as in Kubernetes: a missing label is not equal to the value
		assertThat(LabelSelector.parse("canary!=true")).accepts(WORKER);
	}

	@Test
	void matchesSetsOfValues() {
		assertThat(LabelSelector.parse("tier in (frontend, backend)")).accepts(WORKER);
		assertThat(LabelSelector.parse("tier notin (frontend,backend)")).rejects(WORKER);
		assertThat(LabelSelector.parse("canary notin (true)")).accepts(WORKER);
		assertThat(LabelSelector.parse("app=worker, tier in (backend)")).accepts(WORKER);
	}

	@Test
	void aPodWithoutLabelsMatchesOnlyAbsences() {
		assertThat(LabelSelector.parse("!app")).accepts(Map.of());
		assertThat(LabelSelector.parse("app")).rejects(Map.of());
		assertThat(LabelSelector.parse("app=worker").test(null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "app=worker,", "app in ()", "app in (a", "app in a,b", "app > 3", "-app=x",
			"app=-x", "Bad_Prefix/app=x", "app=" + "x123456789x123456789x123456789x123456789x123456789x123456789x1234",
			"app=(x)" })
	void refusesWhatKubectlRefuses(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> LabelSelector.parse(text));
	}

	@Test
	void keepsItsText() {
		assertThat(LabelSelector.parse("app=worker")).hasToString("app=worker");
	}

}
