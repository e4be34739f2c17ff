package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.Map;

import dev.beacon.statusapi.registry.ApplicationConflictException;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;
import dev.beacon.statusapi.registry.InvalidApplicationException;
import dev.beacon.statusapi.registry.MetricQueries;
import dev.beacon.statusapi.registry.StaleVersionException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The registry's failures as RFC 9457 problems. */
@RestControllerAdvice
class RegistryProblems {

	@ExceptionHandler
	ProblemDetail conflict(ApplicationConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Already taken");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(ApplicationNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> stale(StaleVersionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
				ex.getMessage() + "; read it again and reapply the change");
		problem.setTitle("Changed since read");
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(VersionTags.of(ex.current())).body(problem);
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidApplicationException ex) {
		return invalid(List.of(new InvalidFieldsException.FieldError(ex.field(), ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidFieldsException ex) {
		return invalid(ex.errors());
	}

	private static ProblemDetail invalid(List<InvalidFieldsException.FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				new InvalidFieldsException(errors).getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				errors.stream().map((error) -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail tooLarge(DocumentTooLargeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Document too large");
		return problem;
	}

	/**
	 * Prometheus could not be asked whether a new query parses; saving can be retried.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> uncheckable(MetricQueries.QueriesUncheckableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"A metric's query cannot be checked now: " + ex.getMessage());
		problem.setTitle("Prometheus unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "30")
			.body(problem);
	}

}
