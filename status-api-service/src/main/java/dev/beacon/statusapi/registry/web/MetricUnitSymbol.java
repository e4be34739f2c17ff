package dev.beacon.statusapi.registry.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.beacon.statusapi.registry.MetricUnit;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The symbol of a {@link MetricUnit}. */
@Documented
@Constraint(validatedBy = MetricUnitSymbol.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface MetricUnitSymbol {

	String message() default "must be one of the units ms, s, %, req/s, req/min, errors/s, ops/s, B, B/s, count";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<MetricUnitSymbol, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || MetricUnit.of(value).isPresent();
		}

	}

}
