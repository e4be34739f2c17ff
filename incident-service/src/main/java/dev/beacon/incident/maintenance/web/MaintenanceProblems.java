package dev.beacon.incident.maintenance.web;

import java.util.List;
import java.util.Map;

import dev.beacon.incident.maintenance.IllegalMaintenanceTransitionException;
import dev.beacon.incident.maintenance.InvalidScheduleException;
import dev.beacon.incident.maintenance.MaintenanceNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Scheduled maintenance's failures as RFC 9457 problems. */
@RestControllerAdvice
class MaintenanceProblems {

	@ExceptionHandler
	ProblemDetail notFound(MaintenanceNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail illegalTransition(IllegalMaintenanceTransitionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Illegal status transition");
		problem.setProperty("currentStatus", ex.current().value());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidSchedule(InvalidScheduleException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid " + ex.field() + ": " + ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

}
