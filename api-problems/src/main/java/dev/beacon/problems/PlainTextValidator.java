package dev.beacon.problems;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Public because Hibernate Validator instantiates it reflectively, outside Spring. */
public class PlainTextValidator implements ConstraintValidator<PlainText, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || value.chars().noneMatch(PlainTextValidator::isForbidden);
	}

	private static boolean isForbidden(int c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
	}

}
