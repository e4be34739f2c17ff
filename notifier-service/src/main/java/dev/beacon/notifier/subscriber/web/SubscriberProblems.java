package dev.beacon.notifier.subscriber.web;

import java.util.List;
import java.util.Map;

import dev.beacon.notifier.subscriber.InvalidSubscriptionException;
import dev.beacon.notifier.subscriber.SubscriberNotFoundException;
import dev.beacon.notifier.subscriber.SubscriptionException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

	@ExceptionHandler
	ProblemDetail refused(SubscriptionException ex) {
		HttpStatus status = switch (ex.kind()) {
			case PAGE_NOT_FOUND, UNKNOWN_LINK -> HttpStatus.NOT_FOUND;
			case LIMIT_REACHED, ALREADY_SUBSCRIBED, NOT_A_WEBHOOK -> HttpStatus.CONFLICT;
			case MALFORMED_LINK -> HttpStatus.BAD_REQUEST;
			case EXPIRED_LINK -> HttpStatus.GONE;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (ex.kind() == SubscriptionException.Kind.MALFORMED_LINK) {
			problem.setProperty("errors", List.of(Map.of("field", "token", "message", ex.getMessage())));
		}
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Too many requests");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
