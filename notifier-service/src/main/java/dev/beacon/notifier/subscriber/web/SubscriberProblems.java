package dev.beacon.notifier.subscriber.web;

import java.util.List;
import java.util.Map;

import dev.beacon.notifier.subscriber.InvalidSubscriptionException;
import dev.beacon.notifier.subscriber.SubscriberNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The subscriber feature's failures as RFC 9457 problems. */
@RestControllerAdvice
class SubscriberProblems {

	@ExceptionHandler
	ProblemDetail invalid(InvalidSubscriptionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid " + ex.field());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(SubscriberNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
