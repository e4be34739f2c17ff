package dev.beacon.problems;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Public because Hibernate Validator instantiates it reflectively, outside Spring. */
public class PlainTextValidator implements ConstraintValidator<PlainText, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || (value.chars().noneMatch(PlainTextValidator::isForbidden)
				&& !StrictJsonRequests.WellFormedText.hasLoneSurrogate(value));
	}

	private static boolean isForbidden(int c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f) || isInvisibleFormat(c);
	}

	/**
	 * Characters that change how the text around them is shown without showing
	 * themselves, so a name could pass for another: bidi embeddings and overrides
	 * (U+202A–U+202E), bidi isolates (U+2066–U+2069), bidi marks and zero-width
	 * characters (U+200B–U+200F), the word joiner (U+2060) and the byte order mark
	 * (U+FEFF).
	 */
	private static boolean isInvisibleFormat(int c) {
		return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
				|| c == 0x2060 || c == 0xfeff;
	}

}
