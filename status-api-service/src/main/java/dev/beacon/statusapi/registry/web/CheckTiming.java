package dev.beacon.statusapi.registry.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * An HTTP check's timing: its interval at least
 * {@code beacon.registry.min-check-interval-seconds} (5 s unless configured: a shorter
 * one only loads the target), its timeout shorter than its interval (a probe still
 * waiting when the next is due would overlap it).
 */
@Documented
@Constraint(validatedBy = CheckTiming.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckTiming {

	String message() default "invalid check timing";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<CheckTiming, ApplicationRequest.HttpCheckRequest> {

		static final String MIN_INTERVAL = "beacon.registry.min-check-interval-seconds";

		private final int minIntervalSeconds;

		public Validator() {
			this.minIntervalSeconds = 5;
		}

		@Autowired
		public Validator(Environment environment) {
			this.minIntervalSeconds = environment.getProperty(MIN_INTERVAL, Integer.class, 5);
		}

		@Override
		public boolean isValid(ApplicationRequest.HttpCheckRequest check, ConstraintValidatorContext context) {
			if (check == null || (check.intervalSeconds() != null && check.intervalSeconds() < 1)
					|| (check.timeoutMillis() != null && check.timeoutMillis() < 1)) {
				// absent, or refused by the fields' own constraints
				return true;
			}
			boolean valid = true;
			context.disableDefaultConstraintViolation();
			if (check.interval() < this.minIntervalSeconds) {
				context.buildConstraintViolationWithTemplate("must be at least " + this.minIntervalSeconds)
					.addPropertyNode("intervalSeconds")
					.addConstraintViolation();
				valid = false;
			}
			if ((long) check.timeout() >= check.interval() * 1000L) {
				context
					.buildConstraintViolationWithTemplate(
							"must be shorter than the interval (" + check.interval() * 1000L + " ms)")
					.addPropertyNode("timeoutMillis")
					.addConstraintViolation();
				valid = false;
			}
			return valid;
		}

	}

}
