package dev.beacon.statusapi.registry.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A DNS host name a page can be served on: at least two dot-separated labels of letters,
 * digits and hyphens (1–63 each, no hyphen at either end), at most 253 characters, no
 * trailing dot, and a top-level label that is not all digits (so no IP address). An
 * internationalized name is written in its ASCII ({@code xn--}) form.
 */
@Documented
@Constraint(validatedBy = HostName.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface HostName {

	String message() default "must be a host name such as status.example.com (letters, digits, hyphens and dots)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<HostName, String> {

		private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

		private static final Pattern DIGITS = Pattern.compile("[0-9]+");

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			if (value.isEmpty() || value.length() > 253 || value.endsWith(".")) {
				return false;
			}
			String[] labels = value.split("\\.", -1);
			if (labels.length < 2 || DIGITS.matcher(labels[labels.length - 1]).matches()) {
				return false;
			}
			for (String label : labels) {
				if (!LABEL.matcher(label).matches()) {
					return false;
				}
			}
			return true;
		}

	}

}
