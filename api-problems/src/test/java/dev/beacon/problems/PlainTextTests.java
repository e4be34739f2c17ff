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
	@ValueSource(strings = { "nul\u0000", "\u0007bell", "esc\u001b[31m", "del\u007f", "c1\u0080", "c1\u0085nel",
			"c1\u009f" })
	void refusesControlCharacters(String value) {
		assertThat(validator.validate(new Text(value))).singleElement()
			.satisfies((violation) -> assertThat(violation.getMessage()).startsWith("must not contain control"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil\u202Etxt.exe", "\u202Aembed", "\u202Boverride", "\u202Cpop", "\u202Dltr",
			"\u2066isolate", "\u2067rli", "\u2068fsi", "pdi\u2069", "zero\u200Bwidth", "zwnj\u200C", "zwj\u200D",
			"lrm\u200E", "rlm\u200F", "word\u2060joiner", "\uFEFFbom" })
	void refusesCharactersThatReorderOrHideText(String value) {
		assertThat(validator.validate(new Text(value))).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "lone \uD800 high", "lone \uDC00 low", "reversed \uDE00\uD83D", "end \uD83D" })
	void refusesLoneSurrogates(String value) {
		assertThat(validator.validate(new Text(value))).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "emoji \uD83D\uDE00", "Ärger", "עברית", "العربية" })
	void acceptsPairedSurrogatesAndRightToLeftScripts(String value) {
		assertThat(validator.validate(new Text(value))).isEmpty();
	}

}
