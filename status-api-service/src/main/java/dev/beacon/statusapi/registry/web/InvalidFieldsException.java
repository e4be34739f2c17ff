package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document (a merge-patched application, a status-page document) that does not read or
 * validate; answered like an invalid request body: 400 naming each field.
 */
class InvalidFieldsException extends RuntimeException {

	private final List<FieldError> errors;

	InvalidFieldsException(List<FieldError> errors) {
		super("Invalid " + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")));
		this.errors = List.copyOf(errors);
	}

	InvalidFieldsException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	List<FieldError> errors() {
		return this.errors;
	}

	record FieldError(String field, String message) {
	}

}
