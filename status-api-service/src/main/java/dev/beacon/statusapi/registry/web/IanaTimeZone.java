package dev.beacon.statusapi.registry.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An IANA time zone name ({@code Europe/Paris}, {@code UTC}), spelled as the time zone
 * database spells it. Fixed offsets ({@code +02:00}) are refused: a page's days follow
 * its zone's daylight saving rules.
 */
@Documented
@Constraint(validatedBy = IanaTimeZone.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface IanaTimeZone {

	String message() default "must be an IANA time zone such as Europe/Paris or UTC";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<IanaTimeZone, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || ZoneId.getAvailableZoneIds().contains(value);
		}

	}

}
