package dev.beacon.statusapi.registry.web;

import java.util.List;
import java.util.Map;

import dev.beacon.statusapi.registry.ApplicationConflictException;
import dev.beacon.statusapi.registry.ApplicationNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The registry's failures as RFC 9457 problems. */
@RestControllerAdvice
class RegistryProblems {

	@ExceptionHandler
	ProblemDetail conflict(ApplicationConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Already registered");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(ApplicationNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
