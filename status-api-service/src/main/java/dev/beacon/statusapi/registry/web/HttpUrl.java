package dev.beacon.statusapi.registry.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An absolute http or https URL with a host, a valid port if any, and no credentials (the
 * URL is published on the catalog and shown by the API).
 */
@Documented
@Constraint(validatedBy = HttpUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

	String message() default "must be an absolute http or https URL with a host and no credentials";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Public because Hibernate Validator instantiates it reflectively. */
	class Validator implements ConstraintValidator<HttpUrl, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			try {
				URI url = new URI(value);
				String scheme = url.getScheme();
				return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && url.getHost() != null
						&& url.getRawUserInfo() == null && url.getPort() <= 65535 && url.getPort() != 0;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

}
