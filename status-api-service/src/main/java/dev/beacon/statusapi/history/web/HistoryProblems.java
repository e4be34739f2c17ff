package dev.beacon.statusapi.history.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The history API's failures as RFC 9457 problems. */
@RestControllerAdvice
class HistoryProblems {

	@ExceptionHandler
	ProblemDetail invalidWindow(InvalidWindowException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		// the value given is not echoed: it is whatever the caller sent
		problem.setProperty("errors", List.of(Map.of("field", "window", "message", ex.getMessage())));
		return problem;
	}

}
