package dev.beacon.problems;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	record Text(@PlainText String value) {
	}

	@ParameterizedTest
	@ValueSource(strings = { "API", "Checkout — EU", "line one\nline two\r\n\tindented", "Ünïcödé ✓", "" })
	void acceptsWhatPeopleType(String value) {
		assertThat(validator.validate(new Text(value))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "nul\u0000", "\u0007bell", "esc\u001b[31m", "del\u007f" })
	void refusesControlCharacters(String value) {
		assertThat(validator.validate(new Text(value))).singleElement()
			.satisfies(
					(violation) -> assertThat(violation.getMessage()).isEqualTo("must not contain control characters"));
	}

}
