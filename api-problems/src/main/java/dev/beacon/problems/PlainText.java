package dev.beacon.problems;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters (C0 but tab, line feed and carriage return;
 * DEL; C1), no invisible characters that reorder or hide text (bidi overrides and
 * isolates, zero-width characters, the byte order mark) and no lone UTF-16 surrogates.
 * PostgreSQL cannot store a NUL character at all, a lone surrogate would be stored as
 * {@code ?}, and the rest could make a page or component name pass for another.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must not contain control, invisible formatting or unpaired surrogate characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
