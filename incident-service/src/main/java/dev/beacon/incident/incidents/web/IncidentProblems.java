package dev.beacon.incident.incidents.web;

import java.util.List;
import java.util.Map;

import dev.beacon.incident.catalog.ForeignComponentsException;
import dev.beacon.incident.incidents.IllegalIncidentTransitionException;
import dev.beacon.incident.incidents.IncidentNotFoundException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The incidents' failures as RFC 9457 problems. */
@RestControllerAdvice
class IncidentProblems {

	@ExceptionHandler
	ProblemDetail notFound(IncidentNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notFound(ApplicationNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail foreignComponents(ForeignComponentsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid componentIds");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", "componentIds", "message",
				"must be components of this application; not: " + ex.componentIds())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidField(InvalidFieldException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid " + ex.field() + ": " + ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail illegalTransition(IllegalIncidentTransitionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Illegal status transition");
		problem.setProperty("currentStatus", ex.current().value());
		return problem;
	}

	/**
	 * Two changes of one incident raced (rows are locked, so this is a safety net): try
	 * again.
	 */
	@ExceptionHandler
	ProblemDetail concurrentChange(ConcurrencyFailureException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The incident was changed at the same time; reload it and try again.");
		problem.setTitle("Concurrent change");
		return problem;
	}

}
