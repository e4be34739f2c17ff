package dev.beacon.statusapi.registry.web;

import dev.beacon.events.LabelSelector;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A label selector in the syntax {@code kubectl -l} accepts (see {@link LabelSelector}).
 */
@Documented
@Constraint(validatedBy = KubernetesLabelSelector.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface KubernetesLabelSelector {

	String message() default "must be a label selector as kubectl -l takes it, e.g. app=worker,tier in (jobs)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<KubernetesLabelSelector, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null || value.isBlank()) {
				return true;
			}
			try {
				LabelSelector.parse(value);
				return true;
			}
			catch (IllegalArgumentException ex) {
				context.disableDefaultConstraintViolation();
				context
					.buildConstraintViolationWithTemplate("must be a label selector as kubectl -l takes it: "
							+ ex.getMessage().replace("{", "(").replace("$", ""))
					.addConstraintViolation();
				return false;
			}
		}

	}

}
